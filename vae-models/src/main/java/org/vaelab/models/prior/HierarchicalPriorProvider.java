package org.vaelab.models.prior;

import java.util.List;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.spi.PriorProvider;

/** The {@code "hierarchical"} prior p(z1|z2)·p(z2) of a two-level VAE; pair it with posterior {@code two-level}. */
public final class HierarchicalPriorProvider implements PriorProvider<HierarchicalPriorConfig> {
  @Override public String id() { return "hierarchical"; }

  @Override public String description() {
    return "p(z1|z2) p(z2) of a two-level VAE: a Gaussian net of z2 over z1, a standard-normal or VampPrior top";
  }

  @Override public Class<HierarchicalPriorConfig> configType() { return HierarchicalPriorConfig.class; }

  @Override public HierarchicalPriorConfig defaultConfig() {
    return new HierarchicalPriorConfig(1, "standard-normal", 500, false, List.of(300));
  }

  @Override
  public Prior build(HierarchicalPriorConfig c, int latentDim) {
    if (c.topDim() >= latentDim) {
      throw new ConfigException("prior.topDim: " + c.topDim() + " must be below encoder.latentDim (" + latentDim
          + "), which holds both layers");
    }
    Prior top = c.top().equals("vamp") ? new VampPrior(c.topDim(), c.components(), c.bounded())
        : new StandardNormalPrior(c.topDim());
    return new HierarchicalPrior(latentDim, top, c.hiddenDims());
  }
}
