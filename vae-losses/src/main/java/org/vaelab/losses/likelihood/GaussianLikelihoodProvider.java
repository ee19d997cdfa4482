package org.vaelab.losses.likelihood;

import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.spi.LikelihoodProvider;

/** The {@code "gaussian"} likelihood with fixed sigma, for real-valued data. */
public final class GaussianLikelihoodProvider implements LikelihoodProvider<GaussianConfig> {
  @Override public String id() { return "gaussian"; }

  @Override public String description() { return "Gaussian with fixed sigma, mean from the decoder"; }

  @Override public Class<GaussianConfig> configType() { return GaussianConfig.class; }

  @Override public GaussianConfig defaultConfig() { return new GaussianConfig(1.0); }

  @Override public Likelihood build(GaussianConfig config, long valuesPerExample) { return new GaussianLikelihood(config.sigma()); }
}
