package org.vaelab.api.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.api.testkit.GradientCheck;

class Conv2dTest {
  /** 1×6×6 → (conv k3 s2 p1) 3×3×3 → (transposed k4 s2 p1) 2×6×6. */
  private static Sequential downUp(Activation act) {
    return new Sequential(List.of(new Conv2d(new ConvGeometry(1, 6, 6, 3, 3, 2, 1, false), act),
        new Conv2d(new ConvGeometry(3, 3, 3, 2, 4, 2, 1, true), act)));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void convolutionAndTransposedConvolutionBackwardMatchFiniteDifferences(Activation act) {
    Kernels k = Fixtures.doubleKernels();
    Sequential net = downUp(act);
    GradientCheck.assertLayerGradients(net, k, 3, 1, 2);
  }

  @Test
  void aPartialBatchGivesTheSameRowsAndGradientsAccumulate() {
    Kernels k = Fixtures.doubleKernels();
    Sequential net = downUp(Activation.TANH);
    ParameterStore store = ParameterStore.allocate(List.of(net), k);
    store.initialise(4);
    net.plan(4, k);
    INDArray x = Fixtures.normal(k, 5, 4, 36);
    INDArray full = net.forward(x).dup();
    INDArray part = net.forward(x.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all())).dup();
    assertEquals(full.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all()), part);
    INDArray r = Fixtures.normal(k, 6, 4, 72);
    net.forward(x);
    net.backward(r);
    INDArray once = store.grads().dup();
    net.forward(x);
    net.backward(r);
    assertTrue(store.grads().equalsWithEps(once.mul(2), 1e-12));
  }

  @Test
  void geometryGivesOutputSizesAndRejectsTooSmallInputs() {
    ConvGeometry down = new ConvGeometry(1, 28, 28, 32, 4, 2, 1, false);
    assertEquals(14, down.outHeight());
    ConvGeometry up = new ConvGeometry(32, 7, 7, 1, 4, 2, 1, true);
    assertEquals(14, up.outWidth());
    assertArrayEquals(new long[] {4, 4, 1, 32}, up.weightShape());
    assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 2, 2, 4, 5, 1, 0, false));
  }
}
