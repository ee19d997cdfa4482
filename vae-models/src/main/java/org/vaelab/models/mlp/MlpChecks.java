package org.vaelab.models.mlp;

import java.util.List;

/** Validation shared by the MLP configs. */
final class MlpChecks {
  private MlpChecks() {}

  static void checkHidden(List<Integer> hiddenDims) {
    org.vaelab.api.config.LayerSizes.nonEmptyPositive("hiddenDims", hiddenDims);
  }
}
