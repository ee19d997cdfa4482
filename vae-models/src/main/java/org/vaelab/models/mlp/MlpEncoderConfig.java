package org.vaelab.models.mlp;

import java.util.List;
import org.vaelab.api.engine.Activation;

/**
 * Config of the {@code "mlp"} encoder.
 *
 * @param hiddenDims hidden widths, input side first; non-empty, each > 0
 * @param latentDim  dimension of z; > 0
 * @param activation activation of the hidden layers
 */
public record MlpEncoderConfig(List<Integer> hiddenDims, int latentDim, Activation activation) {
  public MlpEncoderConfig {
    hiddenDims = List.copyOf(hiddenDims);
    MlpChecks.checkHidden(hiddenDims);
    if (latentDim <= 0) throw new IllegalArgumentException("latentDim must be > 0, was " + latentDim);
  }
}
