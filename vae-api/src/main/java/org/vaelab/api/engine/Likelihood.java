package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The decoder's observation model p(x|z), as a proper log-density (or mass) in nats. */
public interface Likelihood extends Parameterised {
  /** How many decoder outputs parameterise one observed value (1 for Bernoulli logits). */
  int paramsPerValue();

  /** Rejects data this likelihood cannot model, naming the problem (e.g. values outside [0, 1]). */
  void checkData(double min, double max);

  void plan(int maxBatch, Kernels kernels);

  /**
   * Returns sum over the batch of log p(x | params), writes {@code scale} times its gradient
   * w.r.t. {@code params} into {@code dParams}; per-row sums into {@code perExample} if not null.
   * With {@code scale} 0 (evaluation) the gradient is zero and {@code dParams} may be left unwritten.
   */
  double logLikelihood(INDArray params, INDArray x, INDArray dParams, double scale, INDArray perExample);

  /** Writes E[x | params] into {@code out} ({@code [batch, values]}), for pictures. */
  void mean(INDArray params, INDArray out);
}
