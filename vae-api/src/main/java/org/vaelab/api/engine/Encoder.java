package org.vaelab.api.engine;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** An amortised Gaussian posterior q(z|x) = N(mean(x), diag exp(logVar(x))). */
public interface Encoder extends Parameterised {
  long inputSize();

  int latentDim();

  void plan(int maxBatch, Kernels kernels);

  /** Runs the encoder; {@link #mean()} and {@link #logVar()} then hold the result. */
  void forward(INDArray x);

  INDArray mean();

  INDArray logVar();

  /**
   * Whether this is a plain autoencoder: z is the mean itself, with no noise and no KL term (a
   * baseline, not a VAE; its "ELBO" is only the reconstruction log-likelihood).
   */
  default boolean deterministic() {
    return false;
  }

  /**
   * The KL term per example of a deterministic encoder against its own prior: 0 for a plain
   * autoencoder; slots·log K for a vector-quantised one under a uniform prior over codes.
   */
  default double klConstant() {
    return 0;
  }

  /** Quantities worth logging after a training step (e.g. codebook perplexity), by metric name. */
  default Map<String, Double> diagnostics() {
    return Map.of();
  }

  /**
   * Fills {@code z} with draws from the encoder's own latent prior and returns true, for encoders
   * whose latent space has one (vector quantisation: uniform codes); false otherwise.
   */
  default boolean samplePrior(INDArray z, Random rng) {
    return false;
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
