package org.vaelab.models.prior;

/**
 * Config of the {@code "mixture"} prior.
 *
 * @param components number K of Gaussian components; in [1, 1000]
 */
public record MixturePriorConfig(int components) {
  public MixturePriorConfig {
    if (components < 1 || components > 1000) {
      throw new IllegalArgumentException("components must be in [1, 1000], was " + components);
    }
  }
}
