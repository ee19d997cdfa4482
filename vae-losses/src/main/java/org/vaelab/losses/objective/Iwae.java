package org.vaelab.losses.objective;

import org.vaelab.api.engine.Objective;

/**
 * The importance-weighted bound L_k = E[log (1/k) Σ_i w_i], log w_i = recon_i − β·kl_i (β = 1 is
 * Burda et al.'s bound; a KL warm-up anneals it). Its gradient weighs each sample by its
 * normalised weight w_i / Σ_j w_j.
 */
final class Iwae implements Objective {
  private final int samples;

  Iwae(int samples) { this.samples = samples; }

  @Override public int samples() { return samples; }

  @Override
  public double weigh(double[] recon, double[] kl, int examples, double beta, double[] dRecon, double[] dKl) {
    double total = 0;
    for (int b = 0; b < examples; b++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < samples; i++) max = Math.max(max, logWeight(recon, kl, i * examples + b, beta));
      double sum = 0;
      for (int i = 0; i < samples; i++) sum += Math.exp(logWeight(recon, kl, i * examples + b, beta) - max);
      total += max + Math.log(sum / samples);
      for (int i = 0; i < samples; i++) {
        int r = i * examples + b;
        double normalised = Math.exp(logWeight(recon, kl, r, beta) - max) / sum;
        dRecon[r] = -normalised / examples;
        dKl[r] = beta * normalised / examples;
      }
    }
    return -total / examples;
  }

  private static double logWeight(double[] recon, double[] kl, int r, double beta) {
    return recon[r] - beta * kl[r];
  }
}
