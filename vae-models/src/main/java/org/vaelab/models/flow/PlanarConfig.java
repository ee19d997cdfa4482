package org.vaelab.models.flow;

/**
 * Config of the {@code "planar"} posterior.
 *
 * @param flows planar steps on top of the Gaussian; in [1, 64]
 */
public record PlanarConfig(int flows) {
  public PlanarConfig {
    if (flows < 1 || flows > 64) throw new IllegalArgumentException("flows must be in [1, 64], was " + flows);
  }
}
