package org.vaelab.losses.objective;

import org.vaelab.api.engine.Objective;
import org.vaelab.api.spi.ObjectiveProvider;

/** The {@code "iwae"} objective (Burda et al. 2016). */
public final class IwaeObjectiveProvider implements ObjectiveProvider<IwaeConfig> {
  @Override public String id() { return "iwae"; }

  @Override public String description() { return "the importance-weighted bound with k samples (Burda et al. 2016)"; }

  @Override public Class<IwaeConfig> configType() { return IwaeConfig.class; }

  @Override public IwaeConfig defaultConfig() { return new IwaeConfig(5); }

  @Override public Objective build(IwaeConfig c) { return new Iwae(c.samples()); }
}
