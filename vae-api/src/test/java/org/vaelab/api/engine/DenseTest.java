package org.vaelab.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.api.testkit.GradientCheck;

class DenseTest {
  @ParameterizedTest
  @EnumSource(Activation.class)
  void mlpBackwardMatchesFiniteDifferences(Activation act) {
    Kernels k = Fixtures.doubleKernels();
    Sequential net = Sequential.mlp(4, List.of(5, 3), 2, act, act);
    GradientCheck.assertLayerGradients(net, k, 6, 1, 2);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void partialBatchGivesTheSameRowsAsTheFullBatch(Activation act) {
    Kernels k = Fixtures.doubleKernels();
    Dense d = new Dense(3, 2, act);
    ParameterStore.allocate(List.of(d), k).initialise(4);
    d.plan(5, k);
    INDArray x = Fixtures.normal(k, 5, 5, 3);
    INDArray full = d.forward(x).dup();
    INDArray part = d.forward(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2),
        org.nd4j.linalg.indexing.NDArrayIndex.all())).dup();
    assertEquals(full.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2),
        org.nd4j.linalg.indexing.NDArrayIndex.all()), part);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void backwardAccumulatesIntoGradients(Activation act) {
    Kernels k = Fixtures.doubleKernels();
    Dense d = new Dense(3, 2, act);
    ParameterStore store = ParameterStore.allocate(List.of(d), k);
    store.initialise(4);
    d.plan(4, k);
    INDArray x = Fixtures.normal(k, 5, 4, 3);
    INDArray r = Fixtures.normal(k, 6, 4, 2);
    d.forward(x);
    d.backward(r);
    INDArray once = store.grads().dup();
    d.forward(x);
    d.backward(r);
    assertTrue(store.grads().equalsWithEps(once.mul(2), 1e-12));
  }
}
