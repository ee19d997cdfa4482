package org.vaelab.losses.objective;

import org.vaelab.api.engine.Objective;
import org.vaelab.api.spi.ObjectiveProvider;

/** The {@code "beta-tc"} objective (Chen et al. 2018). */
public final class BetaTcObjectiveProvider implements ObjectiveProvider<BetaTcConfig> {
  @Override public String id() { return "beta-tc"; }

  @Override public String description() { return "beta-TCVAE: the ELBO with its total correlation weighted (Chen et al. 2018)"; }

  @Override public Class<BetaTcConfig> configType() { return BetaTcConfig.class; }

  @Override public BetaTcConfig defaultConfig() { return new BetaTcConfig(6.0); }

  @Override public Objective build(BetaTcConfig c) { return new BetaTc(c.tcWeight()); }
}
