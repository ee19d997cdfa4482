package org.vaelab.api.engine;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An amortised posterior: by default the Gaussian q(z|x) = N(mean(x), diag exp(logVar(x))); an
 * encoder of another {@link #family()} gives z itself as the mean and zeros as the log-variance.
 */
public interface Encoder extends Parameterised {
  long inputSize();

  int latentDim();

  void plan(int maxBatch, Kernels kernels);

  /** Runs the encoder; {@link #mean()} and {@link #logVar()} then hold the result. */
  void forward(INDArray x);

  INDArray mean();

  INDArray logVar();

  /** The family of q(z|x) the output defines; a point mass or categorical encoder overrides it. */
  default PosteriorFamily family() {
    return PosteriorFamily.GAUSSIAN;
  }

  /** Quantities worth logging after a training step (e.g. codebook perplexity), by metric name. */
  default Map<String, Double> diagnostics() {
    return Map.of();
  }

  /**
   * Makes {@link #backward} also compute the gradient w.r.t. the input, then read with
   * {@link #inputGradient()} (the VampPrior learns its pseudo-inputs through it). Returns false if
   * this encoder cannot.
   */
  default boolean computeInputGradient() {
    return false;
  }

  /** The gradient w.r.t. the input from the last {@link #backward}, when {@link #computeInputGradient()} was called. */
  default INDArray inputGradient() {
    return null;
  }

  /** Back-propagates the gradients of the loss w.r.t. mean and log-variance. */
  void backward(INDArray dMean, INDArray dLogVar);
}
