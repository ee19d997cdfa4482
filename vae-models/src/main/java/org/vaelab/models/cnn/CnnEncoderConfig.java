package org.vaelab.models.cnn;

import java.util.List;
import org.vaelab.api.engine.Activation;

/**
 * Config of the {@code "cnn"} encoder: strided convolutions, then optional dense layers, then the
 * Gaussian heads.
 *
 * @param channels   output channels of each convolution, input side first; non-empty, each > 0
 * @param kernel     square kernel size; > 0
 * @param stride     stride of every convolution (2 halves the image); > 0
 * @param padding    zero padding; >= 0
 * @param hiddenDims dense widths after the convolutions; may be empty, each > 0
 * @param latentDim  dimension of z; > 0
 * @param activation activation after each convolution and dense layer
 */
public record CnnEncoderConfig(List<Integer> channels, int kernel, int stride, int padding, List<Integer> hiddenDims,
    int latentDim, Activation activation) {
  public CnnEncoderConfig {
    channels = List.copyOf(channels);
    hiddenDims = List.copyOf(hiddenDims);
    CnnChecks.checkConv(channels, kernel, stride, padding);
    CnnChecks.checkHidden(hiddenDims);
    if (latentDim <= 0) throw new IllegalArgumentException("latentDim must be > 0, was " + latentDim);
  }
}
