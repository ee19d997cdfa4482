package org.vaelab.losses.objective;

/**
 * Config of the {@code "elbo"} objective: −(recon − β·KL), averaged over {@code samples} posterior
 * samples per example.
 *
 * @param samples posterior samples per example; in [1, 1000] (1 uses the prior's analytic KL where it has one)
 */
public record ElboConfig(int samples) {
  public ElboConfig {
    if (samples < 1 || samples > 1000) throw new IllegalArgumentException("samples must be in [1, 1000], was " + samples);
  }
}
