package org.vaelab.models.mlp;

import java.util.List;
import org.vaelab.api.engine.Activation;

/**
 * Config of the {@code "mlp"} decoder (its latent size is the encoder's).
 *
 * @param hiddenDims hidden widths, latent side first; non-empty, each > 0
 * @param activation activation of the hidden layers (of their value part when gated); the output layer is linear
 * @param gated      hidden layers are gated, h = act(W z + b) ⊙ sigmoid(V z + c) (the VampPrior code's GatedDense)
 * @param weightInit {@code fan-in-uniform} (PyTorch's default) or {@code he-normal} (the VampPrior code's)
 */
public record MlpDecoderConfig(List<Integer> hiddenDims, Activation activation, boolean gated, WeightInit weightInit) {
  public MlpDecoderConfig {
    hiddenDims = List.copyOf(hiddenDims);
    MlpChecks.checkHidden(hiddenDims);
  }
}
