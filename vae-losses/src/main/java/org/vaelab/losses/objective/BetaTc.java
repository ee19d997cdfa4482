package org.vaelab.losses.objective;

import org.vaelab.api.engine.Objective;
import org.vaelab.api.engine.PosteriorBatch;

/**
 * β-TCVAE (Chen, Li, Grosse &amp; Duvenaud 2018, "Isolating Sources of Disentanglement in VAEs"):
 * loss = −(recon − β·KL) + (tcWeight − 1)·TC, one sample per example, where the total correlation
 * TC = E[log q(z) − Σ_d log q(z_d)] is estimated on the batch by minibatch-weighted sampling:
 * log q(z_i) ≈ log Σ_j q(z_i|x_j) − log(N·M), and likewise per dimension (their Eq. and code).
 */
final class BetaTc implements Objective {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private final double tcWeight;
  private final Elbo elbo = new Elbo(1);

  BetaTc(double tcWeight) { this.tcWeight = tcWeight; }

  @Override public int samples() { return 1; }

  @Override
  public double weigh(double[] recon, double[] kl, int examples, double beta, double[] dRecon, double[] dKl) {
    return elbo.weigh(recon, kl, examples, beta, dRecon, dKl);
  }

  @Override public boolean hasBatchTerm() { return tcWeight != 1; }

  @Override
  public double batchTerm(PosteriorBatch p, double[] dZ, double[] dMean, double[] dLogVar) {
    int m = p.examples();
    int dim = p.latent();
    double logNm = Math.log((double) p.datasetSize() * m);
    double scale = (tcWeight - 1) / m;
    double[] joint = new double[m];      // log q(z_i | x_j) summed over d, for one i
    double[][] marg = new double[dim][m]; // log q(z_id | x_jd)
    double tc = 0;
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(joint, 0);
      for (int j = 0; j < m; j++) {
        for (int d = 0; d < dim; d++) {
          double diff = p.z()[i * dim + d] - p.mean()[j * dim + d];
          double lv = p.logVar()[j * dim + d];
          double l = -0.5 * (LOG_2PI + lv + diff * diff * Math.exp(-lv));
          marg[d][j] = l;
          joint[j] += l;
        }
      }
      double logQ = logSumExp(joint) - logNm;
      double logProduct = 0;
      for (int d = 0; d < dim; d++) logProduct += logSumExp(marg[d]) - logNm;
      tc += logQ - logProduct;
      double lseJoint = logSumExp(joint);
      double[] lseMarg = new double[dim];
      for (int d = 0; d < dim; d++) lseMarg[d] = logSumExp(marg[d]);
      for (int j = 0; j < m; j++) {
        double r = Math.exp(joint[j] - lseJoint);
        for (int d = 0; d < dim; d++) {
          double g = scale * (r - Math.exp(marg[d][j] - lseMarg[d]));  // d(scaled TC) / d log q(z_id | x_jd)
          double diff = p.z()[i * dim + d] - p.mean()[j * dim + d];
          double inv = Math.exp(-p.logVar()[j * dim + d]);
          dZ[i * dim + d] -= g * diff * inv;
          dMean[j * dim + d] += g * diff * inv;
          dLogVar[j * dim + d] += g * 0.5 * (diff * diff * inv - 1);
        }
      }
    }
    return (tcWeight - 1) * tc / m;
  }

  private static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) max = Math.max(max, x);
    double sum = 0;
    for (double x : v) sum += Math.exp(x - max);
    return max + Math.log(sum);
  }
}
