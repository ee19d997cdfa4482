package org.vaelab.models.mlp;

import java.util.List;
import org.vaelab.api.engine.Activation;

/**
 * Config of the {@code "mlp"} decoder (its latent size is the encoder's).
 *
 * @param hiddenDims hidden widths, latent side first; non-empty, each > 0
 * @param activation activation of the hidden layers; the output layer is linear
 */
public record MlpDecoderConfig(List<Integer> hiddenDims, Activation activation) {
  public MlpDecoderConfig {
    hiddenDims = List.copyOf(hiddenDims);
    MlpChecks.checkHidden(hiddenDims);
  }
}
