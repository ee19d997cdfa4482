package org.vaelab.models.flow;

/**
 * Config of the {@code "iaf"} posterior.
 *
 * @param flows  IAF steps on top of the Gaussian; in [1, 16]
 * @param hidden hidden units of each step's MADE network; in [1, 1024]
 */
public record IafConfig(int flows, int hidden) {
  public IafConfig {
    if (flows < 1 || flows > 16) throw new IllegalArgumentException("flows must be in [1, 16], was " + flows);
    if (hidden < 1 || hidden > 1024) throw new IllegalArgumentException("hidden must be in [1, 1024], was " + hidden);
  }
}
