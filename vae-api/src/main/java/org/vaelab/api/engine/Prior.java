package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** A prior p(z) and its KL term against the Gaussian posterior. */
public interface Prior extends Parameterised {
  int latentDim();

  void plan(int maxBatch, Kernels kernels);

  /**
   * Returns KL(q(z|x) || p(z)) summed over the batch (analytic, or a one-sample Monte-Carlo
   * estimate at {@code s.z()}), and ADDS {@code scale} times its gradient to {@code s.dMean()},
   * {@code s.dLogVar()} and/or {@code s.dZ()}. Per-row values go to {@code perExample} if not null.
   */
  double kl(PosteriorSample s, double scale, INDArray perExample);

  /**
   * Writes KL(q || p) per latent dimension, summed over the batch, into {@code perDim}
   * ({@code [latentDim]}) and returns true, for priors whose KL splits over dimensions; others
   * return false (free bits per dimension then needs another prior).
   */
  default boolean klPerDimension(INDArray mean, INDArray logVar, INDArray perDim) {
    return false;
  }

  /**
   * Whether the prior is defined through the encoder (the VampPrior). If so, {@link #attachEncoder}
   * is called before {@link #params()}.
   */
  default boolean needsEncoder() {
    return false;
  }

  /**
   * Gives the prior an encoder that shares the model encoder's parameters but has its own buffers,
   * not yet planned: the prior plans it for its own batch size.
   */
  default void attachEncoder(Encoder twin) {}

  /** Whether {@link #kl} is exact (true) or a Monte-Carlo estimate (false). */
  boolean analyticKl();

  /** Fills {@code z} ({@code [n, latentDim]}) with draws from the prior. */
  void sample(INDArray z, Random rng);
}
