package org.vaelab.experiments.model;

/** Derives independent seeds from the run seed (SplitMix64), so each epoch is reproducible alone. */
public final class Seeds {
  public static final long NOISE = 1;
  public static final long SHUFFLE = 2;
  public static final long BINARIZE = 3;
  public static final long EVAL = 4;
  public static final long INIT = 5;
  public static final long SAMPLES = 6;
  public static final long SPLIT = 7;
  public static final long CODES = 8;

  private Seeds() {}

  public static long derive(long seed, long purpose, long epoch) {
    long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + epoch * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
