package org.vaelab.models.prior;

/**
 * Config of the {@code "vamp"} prior.
 *
 * @param components number K of learned pseudo-inputs; in [1, 1000]
 */
public record VampPriorConfig(int components) {
  public VampPriorConfig {
    if (components < 1 || components > 1000) {
      throw new IllegalArgumentException("components must be in [1, 1000], was " + components);
    }
  }
}
