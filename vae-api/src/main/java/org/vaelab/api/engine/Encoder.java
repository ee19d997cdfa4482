package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** An amortised Gaussian posterior q(z|x) = N(mean(x), diag exp(logVar(x))). */
public interface Encoder extends Parameterised {
  long inputSize();

  int latentDim();

  void plan(int maxBatch, Kernels kernels);

  /** Runs the encoder; {@link #mean()} and {@link #logVar()} then hold the result. */
  void forward(INDArray x);

  INDArray mean();

  INDArray logVar();

  /** Back-propagates the gradients of the loss w.r.t. mean and log-variance. */
  void backward(INDArray dMean, INDArray dLogVar);
}
