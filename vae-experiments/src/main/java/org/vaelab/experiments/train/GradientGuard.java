package org.vaelab.experiments.train;

import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;

/** The gradient before each optimiser step: finite or named, and clipped to a global L2 norm. */
public final class GradientGuard {
  private GradientGuard() {}

  /**
   * Returns the label of the first tensor with a non-finite gradient, or empty after rescaling the
   * whole gradient to {@code clipNorm} when its norm is larger (0: no clipping). One norm per step.
   */
  public static Optional<String> checkAndClip(ParameterStore params, Kernels kernels, double clipNorm) {
    INDArray g = params.grads();
    double norm = Math.sqrt(kernels.sumOfSquares(g));
    if (!Double.isFinite(norm)) {
      List<INDArray> views = params.gradViews();
      for (int i = 0; i < views.size(); i++) {
        if (!Double.isFinite(kernels.sumOfSquares(views.get(i)))) return Optional.of(params.names().get(i));
      }
      return Optional.of("a parameter");
    }
    if (clipNorm > 0 && norm > clipNorm) g.muli(clipNorm / norm);
    return Optional.empty();
  }
}
