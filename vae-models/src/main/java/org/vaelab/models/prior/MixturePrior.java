package org.vaelab.models.prior;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;

/**
 * p(z) = Σ_k w_k N(z; m_k, diag exp(s_k)), w = softmax(a), all learned, with the Monte-Carlo KL of
 * {@link MixtureKl}.
 */
final class MixturePrior implements Prior {
  private final int latentDim;
  private final int components;
  private final MixtureKl mixture;
  private INDArray means;
  private INDArray logVars;
  private INDArray logits;
  private INDArray dMeans;
  private INDArray dLogVars;
  private INDArray dLogits;

  MixturePrior(int latentDim, int components) {
    this.latentDim = latentDim;
    this.components = components;
    this.mixture = new MixtureKl(components, latentDim);
  }

  @Override public int latentDim() { return latentDim; }

  @Override
  public List<ParamSpec> params() {
    long[] kd = {components, latentDim};
    // means spread over U(-1, 1) so that the components can separate; unit variances; equal weights
    return List.of(new ParamSpec("means", kd, ParamSpec.Init.FAN_IN_UNIFORM, 1),
        new ParamSpec("logVars", kd, ParamSpec.Init.ZEROS, 1),
        new ParamSpec("logits", new long[] {1, components}, ParamSpec.Init.ZEROS, 1));
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    means = values.get(0);
    logVars = values.get(1);
    logits = values.get(2);
    dMeans = grads.get(0);
    dLogVars = grads.get(1);
    dLogits = grads.get(2);
  }

  @Override public void plan(int maxBatch, Kernels kernels) {}

  @Override public boolean analyticKl() { return false; }

  @Override
  public double kl(PosteriorSample s, double scale, INDArray perExample) {
    return sampledKl(s, MixtureKl.uniform(scale, s.z().size(0)), perExample);
  }

  @Override
  public double sampledKl(PosteriorSample s, double[] rowScales, INDArray perExample) {
    double[] logW = logWeights();
    double total = mixture.compute(s, rowScales, perExample, HostArrays.read(means, null),
        HostArrays.read(logVars, null), logW);
    if (rowScales != null) {
      addScaled(dLogits, mixture.dLogPdLogWeights, -1);
      addScaled(dMeans, mixture.dLogPdMeans, -1);
      addScaled(dLogVars, mixture.dLogPdLogVars, -1);
    }
    return total;
  }

  @Override
  public void sample(INDArray z, Random rng) {
    double[] logW = logWeights();
    for (int b = 0; b < z.size(0); b++) {
      double u = rng.nextDouble();
      int k = 0;
      for (double acc = Math.exp(logW[0]); k < components - 1 && u > acc; acc += Math.exp(logW[++k])) {
        // walk the cumulative weights
      }
      for (int d = 0; d < latentDim; d++) {
        z.putScalar(b, d, means.getDouble(k, d) + Math.exp(0.5 * logVars.getDouble(k, d)) * rng.nextGaussian());
      }
    }
  }

  /** {@code target += factor * a}. */
  private static void addScaled(INDArray target, double[] a, double factor) {
    double[] t = HostArrays.read(target, null);
    for (int i = 0; i < a.length; i++) t[i] += factor * a[i];
    HostArrays.write(t, target);
  }

  /** log softmax of the logits. */
  private double[] logWeights() {
    double[] a = logits.toDoubleVector();
    double lse = MixtureKl.logSumExp(a);
    for (int k = 0; k < a.length; k++) a[k] -= lse;
    return a;
  }

}
