package org.vaelab.experiments.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;

/**
 * A posterior flow inside a pass of the model: z0 → z on the host, the one-sample KL
 * log q(z|x) − log p(z) = [log N(z0) − log p(z)] − log|det ∂z/∂z0|, and ∂loss/∂z back to ∂loss/∂z0.
 */
final class FlowPass {
  private final PosteriorFlow flow;
  private final Prior prior;
  private final Kernels k;
  private final int latent;
  private BatchBuffer z;
  private BatchBuffer dz0;
  private double[] z0Host;
  private double[] zHost;
  private double[] logDet;
  private double[] dzHost;
  private double[] dz0Host;
  private double[] weights;
  private double[] scales;
  private double[] perRow;
  private int rows;

  FlowPass(PosteriorFlow flow, Prior prior, Kernels kernels, int maxRows) {
    this.flow = flow;
    this.prior = prior;
    this.k = kernels;
    this.latent = flow.latentDim();
    plan(maxRows);
  }

  /** Sizes every buffer for {@code maxRows} rows a pass. */
  void plan(int maxRows) {
    flow.plan(maxRows, k);
    z = new BatchBuffer(k, maxRows, latent);
    dz0 = new BatchBuffer(k, maxRows, latent);
    z0Host = new double[maxRows * latent];
    zHost = new double[maxRows * latent];
    dzHost = new double[maxRows * latent];
    dz0Host = new double[maxRows * latent];
    logDet = new double[maxRows];
    weights = new double[maxRows];
    scales = new double[maxRows];
    perRow = new double[maxRows];
  }

  /** z = f(z0) for the rows of {@code z0} (a view, overwritten by the next pass). */
  INDArray forward(INDArray z0) {
    rows = (int) z0.size(0);
    HostArrays.read(z0, z0Host);
    flow.forward(z0Host, rows, zHost, logDet);
    INDArray out = z.rows(rows);
    HostArrays.write(zHost, out);
    return out;
  }

  /** log|det ∂z/∂z0| of each row of the last {@link #forward}. */
  double[] logDet() { return logDet; }

  /** {@code scale} for each of {@code n} rows (an array reused by the next call). */
  double[] uniformScales(double scale, int n) {
    java.util.Arrays.fill(scales, 0, n, scale);
    return scales;
  }

  /**
   * The one-sample KL of each row at the flowed {@code s.z()} into {@code perExample}, the prior's
   * gradients added with {@code rowScales} unless null; returns the sum.
   */
  double kl(PosteriorSample s, double[] rowScales, INDArray perExample) {
    priorKl(prior, s, rowScales, perExample);
    double[] v = HostArrays.read(perExample, perRow);
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      v[i] -= logDet[i];
      sum += v[i];
    }
    HostArrays.write(v, perExample);
    return sum;
  }

  /** ∂loss/∂z0 from ∂loss/∂z, where the loss holds klScales[r]·KL of each row (so −klScales[r]·logDet). */
  INDArray backward(INDArray dz, double[] klScales) {
    HostArrays.read(dz, dzHost);
    for (int i = 0; i < rows; i++) weights[i] = -klScales[i];
    flow.backward(dzHost, weights, rows, dz0Host);
    INDArray out = dz0.rows(rows);
    HostArrays.write(dz0Host, out);
    return out;
  }

  /** The prior's sampled KL; a prior that cannot give it is refused in one line. */
  static void priorKl(Prior prior, PosteriorSample s, double[] rowScales, INDArray perExample) {
    try {
      prior.sampledKl(s, rowScales, perExample);
    } catch (UnsupportedOperationException e) {
      throw new ConfigException("posterior.type: a flow needs the prior's KL per sample, which the prior cannot give: "
          + e.getMessage());
    }
  }
}
