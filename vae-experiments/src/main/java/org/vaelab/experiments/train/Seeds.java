package org.vaelab.experiments.train;

/** Derives independent seeds from the run seed (SplitMix64), so each epoch is reproducible alone. */
final class Seeds {
  static final long NOISE = 1;
  static final long SHUFFLE = 2;
  static final long BINARIZE = 3;
  static final long EVAL = 4;
  static final long INIT = 5;
  static final long SAMPLES = 6;
  static final long SPLIT = 7;

  private Seeds() {}

  static long derive(long seed, long purpose, long epoch) {
    long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + epoch * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
