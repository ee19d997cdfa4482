package org.vaelab.models.mlp;

import java.util.List;

/** Validation shared by the MLP configs. */
final class MlpChecks {
  private MlpChecks() {}

  static void checkHidden(List<Integer> hiddenDims) {
    if (hiddenDims.isEmpty()) throw new IllegalArgumentException("hiddenDims must not be empty, was []");
    for (int h : hiddenDims) {
      if (h <= 0) throw new IllegalArgumentException("hiddenDims must all be > 0, was " + hiddenDims);
    }
  }
}
