package org.vaelab.models.codes;

import java.util.List;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.spi.PriorProvider;

/**
 * The {@code "codes-ar"} prior: an autoregressive masked MLP over the code slots of a VQ encoder,
 * fitted on the training set's codes after the VQ-VAE has trained (van den Oord et al. 2017 fit a
 * PixelCNN over the code map in the same second stage).
 */
public final class ArCodePriorProvider implements PriorProvider<ArCodePriorConfig> {
  @Override public String id() { return "codes-ar"; }

  @Override
  public String description() {
    return "autoregressive prior over VQ codes (masked MLP over the slots), fitted after training";
  }

  @Override public Class<ArCodePriorConfig> configType() { return ArCodePriorConfig.class; }

  @Override public ArCodePriorConfig defaultConfig() { return new ArCodePriorConfig(List.of(512), 20, 128, 0.001); }

  @Override public Prior build(ArCodePriorConfig c, int latentDim) { return new MadeCodePrior(latentDim, c); }
}
