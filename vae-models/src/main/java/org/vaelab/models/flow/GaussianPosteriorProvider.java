package org.vaelab.models.flow;

import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.spi.PosteriorProvider;

/** The {@code "gaussian"} posterior: the encoder's diagonal Gaussian, with no flow. */
public final class GaussianPosteriorProvider implements PosteriorProvider<GaussianPosteriorConfig> {
  @Override public String id() { return "gaussian"; }

  @Override public String description() { return "the encoder's diagonal Gaussian N(mean, diag exp(logVar))"; }

  @Override public Class<GaussianPosteriorConfig> configType() { return GaussianPosteriorConfig.class; }

  @Override public GaussianPosteriorConfig defaultConfig() { return new GaussianPosteriorConfig(); }

  @Override public PosteriorFlow build(GaussianPosteriorConfig config, int latentDim) { return PosteriorFlow.none(latentDim); }
}
