package org.vaelab.models.flow;

import java.util.List;
import org.vaelab.api.config.LayerSizes;

/**
 * Config of the {@code "two-level"} posterior.
 *
 * @param topDim     dimensions of the top layer z2 (the last topDim of the encoder's latentDim); >= 1
 * @param hiddenDims hidden widths of the network z2 → (shift, log-scale) of z1; each >= 1
 */
public record TwoLevelConfig(int topDim, List<Integer> hiddenDims) {
  public TwoLevelConfig {
    if (topDim < 1) throw new IllegalArgumentException("topDim must be >= 1, was " + topDim);
    hiddenDims = LayerSizes.positive("hiddenDims", hiddenDims);
  }
}
