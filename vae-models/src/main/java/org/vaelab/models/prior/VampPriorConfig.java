package org.vaelab.models.prior;

/**
 * Config of the {@code "vamp"} prior.
 *
 * @param components number K of learned pseudo-inputs; in [1, 1000]
 * @param bounded    pseudo-inputs pass through hardtanh(0, 1), for data in [0, 1], and start at
 *                   N(0, 2/K) (the VampPrior code: He init of its pseudo-input layer); otherwise
 *                   they are free and start at U(-0.5, 0.5)
 */
public record VampPriorConfig(int components, boolean bounded) {
  public VampPriorConfig {
    if (components < 1 || components > 1000) {
      throw new IllegalArgumentException("components must be in [1, 1000], was " + components);
    }
  }
}
