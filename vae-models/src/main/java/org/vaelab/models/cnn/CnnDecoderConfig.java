package org.vaelab.models.cnn;

import java.util.List;
import org.vaelab.api.engine.Activation;

/**
 * Config of the {@code "cnn"} decoder: dense layers from z to a small feature map, then one
 * transposed convolution per entry of {@code channels} (each upsampling by {@code stride}), the last
 * one producing the likelihood parameters.
 *
 * @param hiddenDims dense widths from z before the feature map; may be empty, each > 0
 * @param channels   channels of the feature maps, smallest map first; non-empty, each > 0
 * @param kernel     square kernel size; > 0
 * @param stride     upsampling factor of each transposed convolution; > 0
 * @param padding    zero padding; >= 0
 * @param activation activation of every layer but the last (which is linear)
 */
public record CnnDecoderConfig(List<Integer> hiddenDims, List<Integer> channels, int kernel, int stride, int padding,
    Activation activation) {
  public CnnDecoderConfig {
    hiddenDims = List.copyOf(hiddenDims);
    channels = List.copyOf(channels);
    CnnChecks.checkConv(channels, kernel, stride, padding);
    CnnChecks.checkHidden(hiddenDims);
  }
}
