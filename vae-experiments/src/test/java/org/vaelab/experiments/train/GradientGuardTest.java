package org.vaelab.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Dense;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.testkit.Fixtures;

class GradientGuardTest {
  private final Kernels k = Fixtures.doubleKernels();
  private final ParameterStore store = ParameterStore.allocate(
      List.of(new Dense(3, 2, Activation.RELU), new Dense(2, 4, Activation.TANH)), k);

  @Test
  void aNonFiniteGradientIsNamedByItsTensor() {
    store.grads().assign(0.5);
    store.gradViews().get(2).putScalar(1, Double.POSITIVE_INFINITY);  // the second layer's weights
    Optional<String> bad = GradientGuard.checkAndClip(store, k, 0);
    assertTrue(bad.isPresent());
    assertTrue(bad.get().startsWith("tensor #2 ") && bad.get().endsWith("[2, 4]"), bad.get());
    store.gradViews().get(2).putScalar(1, Double.NaN);
    assertEquals(bad, GradientGuard.checkAndClip(store, k, 1.0), "NaN too, and never clipped into a number");
  }

  @Test
  void clippingRescalesOnlyGradientsAboveTheNorm() {
    store.grads().assign(2.0);  // norm 2·sqrt(20)
    assertEquals(Optional.empty(), GradientGuard.checkAndClip(store, k, 0));
    assertEquals(2 * Math.sqrt(20), store.grads().norm2Number().doubleValue(), 1e-12, "0: no clipping");
    GradientGuard.checkAndClip(store, k, 1.5);
    assertEquals(1.5, store.grads().norm2Number().doubleValue(), 1e-12);
    assertEquals(store.grads().getDouble(0), store.grads().getDouble(19), 0.0, "direction kept");
    GradientGuard.checkAndClip(store, k, 100);
    assertEquals(1.5, store.grads().norm2Number().doubleValue(), 1e-12, "below the limit: unchanged");
  }

  @Test
  void tensorByTensorItFillsEachTensorsSumOfSquaresAfterClipping() {
    for (int i = 0; i < 4; i++) store.gradViews().get(i).assign(i + 1.0);
    double[] squares = new double[4];
    assertEquals(Optional.empty(), GradientGuard.checkAndClip(store, k, 0.5, squares));
    assertEquals(0.5, store.grads().norm2Number().doubleValue(), 1e-12, "clipped as in one pass");
    for (int i = 0; i < 4; i++) {
      assertEquals(k.sumOfSquares(store.gradViews().get(i)), squares[i], 1e-15, "tensor " + i);
    }
    store.gradViews().get(3).putScalar(0, Double.NaN);
    assertTrue(GradientGuard.checkAndClip(store, k, 0, squares).orElseThrow().startsWith("tensor #3 "));
  }
}
