package org.vaelab.experiments.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.experiments.model.VaeModel;

/** The encoder's posterior means E_q[z|x] of many examples, and the active units among them. */
public final class LatentMeans {
  /** Burda et al. (2015): a unit is active when the variance of its posterior mean over x exceeds this. */
  public static final double ACTIVE_THRESHOLD = 0.01;

  private LatentMeans() {}

  /** {@code [n, latent]} posterior means of the rows of {@code x}, encoded in batches. */
  public static INDArray of(VaeModel model, INDArray x) {
    long n = x.size(0);
    INDArray out = model.kernels().create(n, model.latentDim());
    for (long from = 0; from < n; from += model.maxBatch()) {
      long b = Math.min(model.maxBatch(), n - from);
      model.encoder().forward(x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()));
      out.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()).assign(model.encoder().mean());
    }
    return out;
  }

  /** Per latent dimension, the variance over examples of the posterior mean, Cov_x(E_q[z_u|x]). */
  public static double[] variances(INDArray means) {
    return means.var(false, 0).toDoubleVector();
  }

  /** How many units are active (variance above {@link #ACTIVE_THRESHOLD}). */
  public static int activeUnits(double[] variances) {
    int active = 0;
    for (double v : variances) if (v > ACTIVE_THRESHOLD) active++;
    return active;
  }
}
