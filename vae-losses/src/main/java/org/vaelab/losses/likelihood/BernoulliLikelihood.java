package org.vaelab.losses.likelihood;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.ParamSpec;

/** Independent Bernoulli per value, parameterised by logits (stable: x*l - softplus(l)). */
final class BernoulliLikelihood implements Likelihood {
  private Kernels kernels;

  @Override public int paramsPerValue() { return 1; }

  @Override
  public void checkData(double min, double max) {
    if (min < 0 || max > 1) {
      throw new ConfigException("likelihood bernoulli needs data in [0, 1], the dataset has values in ["
          + min + ", " + max + "]; use likelihood gaussian");
    }
  }

  @Override public List<ParamSpec> params() { return List.of(); }

  @Override public void bind(List<INDArray> values, List<INDArray> grads) {}

  @Override public void plan(int maxBatch, Kernels k) { kernels = k; }

  @Override
  public double logLikelihood(INDArray params, INDArray x, INDArray dParams, double scale, INDArray perExample) {
    return kernels.bernoulliLogLikelihood(params, x, dParams, scale, perExample);
  }

  @Override public void mean(INDArray params, INDArray out) { kernels.sigmoid(params, out); }
}
