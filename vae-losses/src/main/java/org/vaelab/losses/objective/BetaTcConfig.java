package org.vaelab.losses.objective;

/**
 * Config of the {@code "beta-tc"} objective: the ELBO with its total-correlation part of the KL
 * weighted by {@code tcWeight} instead of 1 (β-TCVAE, Chen et al. 2018, with minibatch-weighted sampling).
 *
 * @param tcWeight weight of the total correlation; >= 0 (1 is the ELBO; the paper uses 6 on dSprites)
 */
public record BetaTcConfig(double tcWeight) {
  public BetaTcConfig {
    if (!(tcWeight >= 0) || Double.isInfinite(tcWeight)) {
      throw new IllegalArgumentException("tcWeight must be >= 0, was " + tcWeight);
    }
  }
}
