package org.vaelab.models.prior;

import org.vaelab.api.engine.Prior;
import org.vaelab.api.spi.PriorProvider;

/** The {@code "vamp"} prior (Tomczak & Welling 2018): p(z) = 1/K Σ_k q(z | u_k) over K learned pseudo-inputs. */
public final class VampPriorProvider implements PriorProvider<VampPriorConfig> {
  @Override public String id() { return "vamp"; }

  @Override public String description() { return "VampPrior: mixture of the posteriors of K learned pseudo-inputs (Monte-Carlo KL)"; }

  @Override public Class<VampPriorConfig> configType() { return VampPriorConfig.class; }

  @Override public VampPriorConfig defaultConfig() { return new VampPriorConfig(50, false); }

  @Override public Prior build(VampPriorConfig c, int latentDim) { return new VampPrior(latentDim, c.components(), c.bounded()); }
}
