package org.vaelab.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.api.testkit.GradientCheck;

class GatedDenseTest {
  @Test
  void outputIsTheValueTimesTheSigmoidOfTheGate() {
    Kernels k = Fixtures.doubleKernels();
    GatedDense g = new GatedDense(3, 2, Activation.TANH, ParamSpec.Init.HE_NORMAL);
    ParameterStore store = ParameterStore.allocate(List.of(g), k);
    store.initialise(3);
    g.plan(4, k);
    INDArray x = Fixtures.normal(k, 5, 4, 3);
    INDArray out = g.forward(x);
    List<INDArray> p = store.valueViews();
    INDArray value = org.nd4j.linalg.ops.transforms.Transforms.tanh(x.mmul(p.get(0)).addRowVector(p.get(1)));
    INDArray gate = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(x.mmul(p.get(2)).addRowVector(p.get(3)));
    assertEquals(0, value.muli(gate).sub(out).norm2Number().doubleValue(), 1e-12);
  }

  /** Both gated layers' inputs need gradients: the first's is the sum of its value's and gate's parts. */
  @Test
  void gatedMlpBackwardMatchesFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    Sequential net = Sequential.mlp(4, List.of(5, 3), 2, Activation.IDENTITY, Activation.IDENTITY, true,
        ParamSpec.Init.HE_NORMAL);
    GradientCheck.assertLayerGradients(net, k, 6, 2, 3);
  }

  @Test
  void heNormalWeightsHaveVarianceTwoOverFanIn() {
    Kernels k = Fixtures.doubleKernels();
    Dense d = new Dense(400, 300, Activation.IDENTITY, ParamSpec.Init.HE_NORMAL);
    ParameterStore store = ParameterStore.allocate(List.of(d), k);
    store.initialise(1);
    INDArray w = store.valueViews().get(0);
    assertEquals(2.0 / 400, w.varNumber().doubleValue(), 0.02 * 2.0 / 400);
    assertEquals(0, w.meanNumber().doubleValue(), 0.001);
  }

  @Test
  void withoutParameterGradientsTheInputGradientIsTheSameAndNoWeightGradientAccumulates() {
    Kernels k = Fixtures.doubleKernels();
    Sequential net = Sequential.mlp(3, List.of(5), 2, Activation.TANH, Activation.IDENTITY, true,
        ParamSpec.Init.HE_NORMAL);
    ParameterStore store = ParameterStore.allocate(List.of(net), k);
    store.initialise(3);
    net.plan(4, k);
    INDArray x = Fixtures.normal(k, 5, 4, 3);
    INDArray dOut = Fixtures.normal(k, 6, 4, 2);
    net.forward(x);
    INDArray dx = net.backward(dOut).dup();
    INDArray grads = store.grads().dup();
    store.zeroGrads();
    net.setParameterGradients(false);
    net.forward(x);
    assertEquals(dx, net.backward(dOut), "the input gradient");
    int weights = 0;
    for (int i = 0; i < store.tensors(); i++) {
      if (store.gradViews().get(i).rank() == 2) {
        assertEquals(0, store.gradViews().get(i).norm2Number().doubleValue(), store.names().get(i));
        weights++;
      }
    }
    assertEquals(3, weights, "the gated hidden layer's value and gate weights, the output layer's");
    net.setParameterGradients(true);
    store.zeroGrads();
    net.forward(x);
    net.backward(dOut);
    assertEquals(grads, store.grads(), "switched back on");
  }
}
