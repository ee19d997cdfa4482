package org.vaelab.models.prior;

import org.vaelab.api.engine.Prior;
import org.vaelab.api.spi.PriorProvider;

/** The {@code "standard-normal"} prior N(0, I). */
public final class StandardNormalPriorProvider implements PriorProvider<StandardNormalPriorConfig> {
  @Override public String id() { return "standard-normal"; }

  @Override public String description() { return "N(0, I) with the analytic Gaussian KL"; }

  @Override public Class<StandardNormalPriorConfig> configType() { return StandardNormalPriorConfig.class; }

  @Override public StandardNormalPriorConfig defaultConfig() { return new StandardNormalPriorConfig(); }

  @Override public Prior build(StandardNormalPriorConfig config, int latentDim) { return new StandardNormalPrior(latentDim); }
}
