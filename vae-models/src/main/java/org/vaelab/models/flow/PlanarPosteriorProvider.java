package org.vaelab.models.flow;

import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.spi.PosteriorProvider;

/** The {@code "planar"} posterior: the Gaussian through n planar flows (Rezende &amp; Mohamed 2015). */
public final class PlanarPosteriorProvider implements PosteriorProvider<PlanarConfig> {
  @Override public String id() { return "planar"; }

  @Override public String description() { return "the Gaussian through n planar flows (Rezende & Mohamed 2015)"; }

  @Override public Class<PlanarConfig> configType() { return PlanarConfig.class; }

  @Override public PlanarConfig defaultConfig() { return new PlanarConfig(8); }

  @Override public PosteriorFlow build(PlanarConfig config, int latentDim) { return new PlanarFlow(latentDim, config.flows()); }
}
