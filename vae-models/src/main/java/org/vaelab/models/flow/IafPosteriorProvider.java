package org.vaelab.models.flow;

import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.spi.PosteriorProvider;

/** The {@code "iaf"} posterior: the Gaussian through n inverse autoregressive flows (Kingma et al. 2016). */
public final class IafPosteriorProvider implements PosteriorProvider<IafConfig> {
  @Override public String id() { return "iaf"; }

  @Override public String description() { return "the Gaussian through n inverse autoregressive flows (Kingma et al. 2016)"; }

  @Override public Class<IafConfig> configType() { return IafConfig.class; }

  @Override public IafConfig defaultConfig() { return new IafConfig(2, 64); }

  @Override public PosteriorFlow build(IafConfig config, int latentDim) {
    return new IafFlow(latentDim, config.flows(), config.hidden());
  }
}
