package org.vaelab.losses.objective;

import java.util.Arrays;
import org.vaelab.api.engine.Objective;

/** The β-weighted ELBO averaged over k samples: every row weighs the same. */
final class Elbo implements Objective {
  private final int samples;

  Elbo(int samples) { this.samples = samples; }

  @Override public int samples() { return samples; }

  @Override public boolean uniform() { return true; }

  @Override
  public double weigh(double[] recon, double[] kl, int examples, double beta, double[] dRecon, double[] dKl) {
    double perRow = 1.0 / ((double) samples * examples);
    double sum = 0;
    for (int r = 0; r < recon.length; r++) sum += recon[r] - beta * kl[r];
    Arrays.fill(dRecon, -perRow);
    Arrays.fill(dKl, beta * perRow);
    return -sum * perRow;
  }
}
