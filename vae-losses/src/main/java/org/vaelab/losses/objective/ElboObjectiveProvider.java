package org.vaelab.losses.objective;

import org.vaelab.api.engine.Objective;
import org.vaelab.api.spi.ObjectiveProvider;

/** The {@code "elbo"} objective. */
public final class ElboObjectiveProvider implements ObjectiveProvider<ElboConfig> {
  @Override public String id() { return "elbo"; }

  @Override public String description() { return "the beta-weighted ELBO, averaged over k posterior samples"; }

  @Override public Class<ElboConfig> configType() { return ElboConfig.class; }

  @Override public ElboConfig defaultConfig() { return new ElboConfig(1); }

  @Override public Objective build(ElboConfig c) { return new Elbo(c.samples()); }
}
