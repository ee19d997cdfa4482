package org.vaelab.api.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.api.testkit.GradientCheck;

class SameDiffLayerTest {
  /** tanh(x·W + b) written as a SameDiff graph, with no backward code. */
  private static SameDiffLayer denseTanh(long in, long out) {
    return new SameDiffLayer(in, out, List.of(new ParamSpec("W", new long[] {in, out}, ParamSpec.Init.FAN_IN_UNIFORM, in),
        new ParamSpec("b", new long[] {out}, ParamSpec.Init.FAN_IN_UNIFORM, in)),
        (sd, x, p) -> sd.math.tanh(x.mmul(p.get("W")).add(p.get("b"))));
  }

  @Test
  void aSameDiffGraphMatchesTheHandWrittenLayerForwardAndBackward() {
    Kernels k = Fixtures.doubleKernels();
    Dense dense = new Dense(4, 3, Activation.TANH);
    SameDiffLayer graph = denseTanh(4, 3);
    ParameterStore a = ParameterStore.allocate(List.of(dense), k);
    ParameterStore b = ParameterStore.allocate(List.of(graph), k);
    a.initialise(5);
    b.values().assign(a.values());
    dense.plan(6, k);
    graph.plan(6, k);
    INDArray x = Fixtures.normal(k, 1, 5, 4);
    INDArray r = Fixtures.normal(k, 2, 5, 3);
    assertTrue(dense.forward(x).equalsWithEps(graph.forward(x), 1e-12), "forward");
    INDArray dxDense = dense.backward(r).dup();
    INDArray dxGraph = graph.backward(r).dup();
    assertTrue(dxDense.equalsWithEps(dxGraph, 1e-12), "input gradient");
    assertTrue(a.grads().equalsWithEps(b.grads(), 1e-12), "parameter gradients");
  }

  @Test
  void itsGradientMatchesFiniteDifferencesInsideANetwork() {
    Kernels k = Fixtures.doubleKernels();
    Sequential net = new Sequential(List.of(denseTanh(4, 5), new Dense(5, 2, Activation.IDENTITY)));
    GradientCheck.assertLayerGradients(net, k, 3, 2, 3);
  }
}
