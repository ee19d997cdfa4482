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

  /**
   * Active units of each layer of a two-level model: {z1, z2} counts at z = f(E[z0|x]), the flow
   * applied to the encoder's means (z2's part is E[z2|x]; z1's is E[z1|x, z2 = E[z2|x]]).
   */
  public static int[] activeUnitsPerLayer(VaeModel model, INDArray means) {
    int top = model.flow().topLatentDim();
    int d = model.latentDim();
    double[] v = variances(flowed(model, means));
    return new int[] {activeUnits(java.util.Arrays.copyOfRange(v, 0, d - top)),
        activeUnits(java.util.Arrays.copyOfRange(v, d - top, d))};
  }

  /** z = f(means) of the posterior's flow for each row (the means themselves without a flow), in batches. */
  public static INDArray flowed(VaeModel model, INDArray means) {
    long n = means.size(0);
    INDArray out = model.kernels().create(n, model.latentDim());
    for (long from = 0; from < n; from += model.maxBatch()) {
      long b = Math.min(model.maxBatch(), n - from);
      model.flowAtNoNoise(means.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()),
          out.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()));
    }
    return out;
  }

  /** How many units are active (variance above {@link #ACTIVE_THRESHOLD}). */
  public static int activeUnits(double[] variances) {
    int active = 0;
    for (double v : variances) if (v > ACTIVE_THRESHOLD) active++;
    return active;
  }
}
