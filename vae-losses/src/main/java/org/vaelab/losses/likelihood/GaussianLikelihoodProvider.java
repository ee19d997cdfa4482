package org.vaelab.losses.likelihood;

import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.spi.LikelihoodProvider;

/** The {@code "gaussian"} likelihood, sigma fixed or learned, for real-valued data. */
public final class GaussianLikelihoodProvider implements LikelihoodProvider<GaussianConfig> {
  @Override public String id() { return "gaussian"; }

  @Override public String description() { return "Gaussian, mean from the decoder; sigma fixed or learned (shared or per value)"; }

  @Override public Class<GaussianConfig> configType() { return GaussianConfig.class; }

  @Override public GaussianConfig defaultConfig() { return new GaussianConfig(1.0, "none", 1e-3); }

  @Override
  public Likelihood build(GaussianConfig c, long valuesPerExample) {
    return c.learn().equals("none") ? new GaussianLikelihood(c.sigma())
        : new LearnedSigmaGaussian(valuesPerExample, c.learn().equals("per-value"), c.sigma(), c.minSigma());
  }
}
