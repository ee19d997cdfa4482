package org.vaelab.experiments.config;

/**
 * A validation set held out of the training set, for early stopping and {@code validation/...} metrics.
 * Under dynamic binarisation it is binarised once with a fixed seed, like the test set.
 *
 * @param size  examples held out (0 = no validation set); >= 0, smaller than the training set
 * @param split which examples: the {@code last} ones (a fixed split, as the VampPrior code takes the
 *              last 10,000 of Fashion-MNIST's 60,000), or {@code random} ones drawn with the run seed
 */
public record ValidationConfig(int size, Split split) {
  public static final ValidationConfig NONE = new ValidationConfig(0, Split.LAST);

  /** How the held-out examples are chosen. */
  public enum Split { LAST, RANDOM }

  public ValidationConfig {
    if (size < 0) throw new IllegalArgumentException("size must be >= 0 (0 = no validation set), was " + size);
  }
}
