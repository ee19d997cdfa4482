package org.vaelab.models.ae;

import java.util.List;
import org.vaelab.api.config.LayerSizes;
import org.vaelab.api.engine.Activation;

/**
 * Config of the {@code "ae"} encoder (plain autoencoder baseline, MLP backbone).
 *
 * @param hiddenDims hidden widths, input side first; non-empty, each > 0
 * @param latentDim  dimension of the code z; > 0
 * @param activation activation of the hidden layers
 */
public record AeEncoderConfig(List<Integer> hiddenDims, int latentDim, Activation activation) {
  public AeEncoderConfig {
    hiddenDims = LayerSizes.nonEmptyPositive("hiddenDims", hiddenDims);
    if (latentDim <= 0) throw new IllegalArgumentException("latentDim must be > 0, was " + latentDim);
  }
}
