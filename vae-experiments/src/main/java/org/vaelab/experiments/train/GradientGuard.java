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
    return checkAndClip(params, kernels, clipNorm, null);
  }

  /**
   * As {@link #checkAndClip(ParameterStore, Kernels, double)}, tensor by tensor when {@code squares}
   * is not null: it receives each tensor's sum of squares (after clipping), for
   * {@link org.vaelab.api.engine.Adam#step(double[])}, in the same one pass.
   */
  public static Optional<String> checkAndClip(ParameterStore params, Kernels kernels, double clipNorm, double[] squares) {
    INDArray g = params.grads();
    List<INDArray> views = params.gradViews();
    double sum = 0;
    if (squares == null) {
      sum = kernels.sumOfSquares(g);
    } else {
      for (int i = 0; i < views.size(); i++) sum += squares[i] = kernels.sumOfSquares(views.get(i));
    }
    double norm = Math.sqrt(sum);
    if (!Double.isFinite(norm)) {
      for (int i = 0; i < views.size(); i++) {
        double s = squares != null ? squares[i] : kernels.sumOfSquares(views.get(i));
        if (!Double.isFinite(s)) return Optional.of(params.names().get(i));
      }
      return Optional.of("a parameter");
    }
    if (clipNorm > 0 && norm > clipNorm) {
      double scale = clipNorm / norm;
      g.muli(scale);
      if (squares != null) {
        for (int i = 0; i < squares.length; i++) squares[i] *= scale * scale;
      }
    }
    return Optional.empty();
  }
}
