package org.vaelab.api.engine;

import java.util.Optional;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * A prior over the code indices of a {@link PosteriorFamily.Categorical} posterior (VQ-VAE). The
 * model calls {@link #attachCodes} before {@link #params()}, then only the code methods below: the
 * continuous-z methods of {@link Prior} are never called and refuse. A plugin may assume that code
 * arrays are {@code [rows][slots]} with entries in [0, codes) and rows ≤ the {@code maxBatch} of
 * {@link #plan} (or of its own {@link Fit#batchSize()}, whichever is larger).
 */
public interface CodePrior extends Prior {
  /** The posterior's shape: {@code slots} code slots, each over {@code codes} codes. */
  void attachCodes(int slots, int codes);

  /**
   * Writes log p(codes) of each row into {@code out}; unless {@code gradScale} is 0, ADDS
   * gradScale·Σ_rows ∂log p(codes_r)/∂θ to its bound parameter gradients.
   */
  void logProb(int[][] codes, double[] out, double gradScale);

  /** Draws {@code n} code rows; {@code temperature} divides the logits (1 is the prior itself). */
  int[][] sample(int n, double temperature, RandomGenerator rng);

  /**
   * How the harness fits the prior by maximum likelihood on the training set's codes, after the
   * model has trained (the encoder held fixed); empty for a prior with nothing to learn.
   */
  default Optional<Fit> fit() {
    return Optional.empty();
  }

  /** Adam at {@code lr} for {@code epochs} passes over the codes, {@code batchSize} rows a step. */
  record Fit(int epochs, int batchSize, double lr) {}

  @Override
  default double kl(PosteriorSample s, double scale, INDArray perExample) {
    throw new UnsupportedOperationException("a prior over codes has no KL against a Gaussian posterior");
  }

  @Override
  default boolean analyticKl() {
    return true;
  }

  @Override
  default void sample(INDArray z, Random rng) {
    throw new UnsupportedOperationException("a prior over codes draws codes (sample(n, temperature, rng)), not z");
  }
}
