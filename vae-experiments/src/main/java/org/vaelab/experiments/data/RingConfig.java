package org.vaelab.experiments.data;

/**
 * Config of the synthetic {@code "ring"} dataset: z ~ N(0, I_2), x = z/10 + z/|z| + noise.
 *
 * @param trainSize training points; > 0
 * @param testSize  test points; > 0
 * @param noise     standard deviation of added Gaussian noise; >= 0
 * @param seed      generator seed
 */
public record RingConfig(int trainSize, int testSize, double noise, long seed) {
  public RingConfig {
    if (trainSize <= 0) throw new IllegalArgumentException("trainSize must be > 0, was " + trainSize);
    if (testSize <= 0) throw new IllegalArgumentException("testSize must be > 0, was " + testSize);
    if (!(noise >= 0)) throw new IllegalArgumentException("noise must be >= 0, was " + noise);
  }
}
