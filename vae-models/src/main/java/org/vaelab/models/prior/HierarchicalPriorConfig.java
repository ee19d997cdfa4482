package org.vaelab.models.prior;

import java.util.List;
import org.vaelab.api.config.LayerSizes;

/**
 * Config of the {@code "hierarchical"} prior p(z1|z2)·p(z2).
 *
 * @param topDim     dimensions of the top layer z2 (the last topDim of the latent); >= 1
 * @param top        p(z2): {@code standard-normal} or {@code vamp}
 * @param components pseudo-inputs of a {@code vamp} top prior; in [1, 1000]
 * @param bounded    a {@code vamp} top prior's pseudo-inputs pass through hardtanh(0, 1) (see prior vamp)
 * @param hiddenDims hidden widths of the network z2 → (mean, log-variance) of p(z1|z2); each >= 1
 */
public record HierarchicalPriorConfig(int topDim, String top, int components, boolean bounded, List<Integer> hiddenDims) {
  public HierarchicalPriorConfig {
    if (topDim < 1) throw new IllegalArgumentException("topDim must be >= 1, was " + topDim);
    if (!List.of("standard-normal", "vamp").contains(top)) {
      throw new IllegalArgumentException("top must be standard-normal or vamp, was '" + top + "'");
    }
    if (components < 1 || components > 1000) {
      throw new IllegalArgumentException("components must be in [1, 1000], was " + components);
    }
    hiddenDims = LayerSizes.positive("hiddenDims", hiddenDims);
  }
}
