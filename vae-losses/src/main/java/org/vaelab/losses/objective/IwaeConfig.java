package org.vaelab.losses.objective;

/**
 * Config of the {@code "iwae"} objective.
 *
 * @param samples importance samples k per example; in [1, 1000] (k = 1 is the ELBO)
 */
public record IwaeConfig(int samples) {
  public IwaeConfig {
    if (samples < 1 || samples > 1000) throw new IllegalArgumentException("samples must be in [1, 1000], was " + samples);
  }
}
