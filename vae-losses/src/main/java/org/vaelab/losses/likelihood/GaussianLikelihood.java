package org.vaelab.losses.likelihood;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.ParamSpec;

/** N(x; mean, sigma^2) per value, the decoder giving the mean (no squashing). */
final class GaussianLikelihood implements Likelihood {
  private final double sigma;
  private Kernels kernels;

  GaussianLikelihood(double sigma) {
    this.sigma = sigma;
  }

  @Override public int paramsPerValue() { return 1; }

  @Override public void checkData(double min, double max) {}

  @Override public List<ParamSpec> params() { return List.of(); }

  @Override public void bind(List<INDArray> values, List<INDArray> grads) {}

  @Override public void plan(int maxBatch, Kernels k) { kernels = k; }

  @Override
  public double logLikelihood(INDArray params, INDArray x, INDArray dParams, double scale, INDArray perExample) {
    return kernels.gaussianLogLikelihood(params, x, sigma, dParams, scale, perExample);
  }

  @Override public void mean(INDArray params, INDArray out) { out.assign(params); }
}
