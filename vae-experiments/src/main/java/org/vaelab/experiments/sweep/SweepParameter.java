package org.vaelab.experiments.sweep;

import java.util.List;
import java.util.Random;

/**
 * One swept key: a list of values (grid or random choice), or a distribution (random only).
 *
 * @param key          dotted config path, e.g. {@code encoder.latentDim}, or a section, e.g. {@code schedule}
 * @param values       the values, or null for a distribution
 * @param distribution {@code uniform}, {@code log_uniform_values} or {@code int_uniform}, or null
 * @param min          lower bound of the distribution
 * @param max          upper bound of the distribution
 */
public record SweepParameter(String key, List<Object> values, String distribution, double min, double max) {
  static final List<String> DISTRIBUTIONS = List.of("uniform", "log_uniform_values", "int_uniform");

  /** A draw for a random sweep. */
  Object draw(Random rng) {
    if (values != null) return values.get(rng.nextInt(values.size()));
    return switch (distribution) {
      case "uniform" -> min + (max - min) * rng.nextDouble();
      case "log_uniform_values" -> Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * rng.nextDouble());
      default -> (long) Math.floor(min + (max - min + 1) * rng.nextDouble());
    };
  }
}
