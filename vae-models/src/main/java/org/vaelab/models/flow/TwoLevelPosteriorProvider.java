package org.vaelab.models.flow;

import java.util.List;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.spi.PosteriorProvider;

/** The {@code "two-level"} posterior q(z2|x)·q(z1|x, z2) of a hierarchical VAE; pair it with prior {@code hierarchical}. */
public final class TwoLevelPosteriorProvider implements PosteriorProvider<TwoLevelConfig> {
  @Override public String id() { return "two-level"; }

  @Override public String description() {
    return "q(z2|x) q(z1|x,z2) of a two-level VAE: z2 the encoder's last topDim dims, z1 shifted and scaled by a net of z2";
  }

  @Override public Class<TwoLevelConfig> configType() { return TwoLevelConfig.class; }

  @Override public TwoLevelConfig defaultConfig() { return new TwoLevelConfig(1, List.of(300)); }

  @Override
  public PosteriorFlow build(TwoLevelConfig c, int latentDim) {
    if (c.topDim() >= latentDim) {
      throw new ConfigException("posterior.topDim: " + c.topDim() + " must be below encoder.latentDim (" + latentDim
          + "), which holds both layers: z1 has latentDim - topDim dimensions");
    }
    return new TwoLevelPosterior(latentDim, c.topDim(), c.hiddenDims());
  }
}
