package org.vaelab.models.mlp;

import java.util.List;
import org.vaelab.api.engine.Activation;

/**
 * Config of the {@code "mlp"} encoder.
 *
 * @param hiddenDims   hidden widths, input side first; non-empty, each > 0
 * @param latentDim    dimension of z; > 0
 * @param activation   activation of the hidden layers (of their value part when gated)
 * @param gated        hidden layers are gated, h = act(W x + b) ⊙ sigmoid(V x + c) (the VampPrior code's GatedDense)
 * @param weightInit   {@code fan-in-uniform} (PyTorch's default) or {@code he-normal} (the VampPrior code's)
 * @param logVarBounds {@code []} for an unbounded log-variance head, or {@code [min, max]} for hardtanh(min, max)
 */
public record MlpEncoderConfig(List<Integer> hiddenDims, int latentDim, Activation activation, boolean gated,
    WeightInit weightInit, List<Double> logVarBounds) {
  public MlpEncoderConfig {
    hiddenDims = List.copyOf(hiddenDims);
    logVarBounds = List.copyOf(logVarBounds);
    MlpChecks.checkHidden(hiddenDims);
    if (latentDim <= 0) throw new IllegalArgumentException("latentDim must be > 0, was " + latentDim);
    if (!logVarBounds.isEmpty() && (logVarBounds.size() != 2 || !(logVarBounds.get(0) < logVarBounds.get(1)))) {
      throw new IllegalArgumentException("logVarBounds must be [] or [min, max] with min < max, was " + logVarBounds);
    }
  }

  double logVarMin() { return logVarBounds.isEmpty() ? Double.NEGATIVE_INFINITY : logVarBounds.get(0); }

  double logVarMax() { return logVarBounds.isEmpty() ? Double.POSITIVE_INFINITY : logVarBounds.get(1); }
}
