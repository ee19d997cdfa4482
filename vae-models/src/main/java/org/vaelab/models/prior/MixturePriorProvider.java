package org.vaelab.models.prior;

import org.vaelab.api.engine.Prior;
import org.vaelab.api.spi.PriorProvider;

/** The {@code "mixture"} prior: K diagonal Gaussians with learned means, variances and weights. */
public final class MixturePriorProvider implements PriorProvider<MixturePriorConfig> {
  @Override public String id() { return "mixture"; }

  @Override public String description() { return "mixture of K Gaussians, learned means/variances/weights (Monte-Carlo KL)"; }

  @Override public Class<MixturePriorConfig> configType() { return MixturePriorConfig.class; }

  @Override public MixturePriorConfig defaultConfig() { return new MixturePriorConfig(10); }

  @Override public Prior build(MixturePriorConfig c, int latentDim) { return new MixturePrior(latentDim, c.components()); }
}
