package org.vaelab.api.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gated dense layer {@code out = act(in · W + b) ⊙ sigmoid(in · V + c)} (Dauphin et al. 2017's
 * gated linear unit; the "GatedDense" of the VampPrior code, Tomczak &amp; Welling 2018, uses it with
 * no activation).
 */
public final class GatedDense implements Layer {
  private final Dense value;
  private final Dense gate;
  private BatchBuffer g;
  private BatchBuffer out;
  private BatchBuffer dValue;
  private BatchBuffer dGate;
  private Kernels k;
  private INDArray lastValue;

  public GatedDense(long in, long out, Activation activation, ParamSpec.Init weightInit) {
    this.value = new Dense(in, out, activation, weightInit);
    this.gate = new Dense(in, out, Activation.IDENTITY, weightInit);
  }

  @Override public long inputSize() { return value.inputSize(); }

  @Override public long outputSize() { return value.outputSize(); }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> all = new ArrayList<>(value.params());
    gate.params().forEach(p -> all.add(p.prefixed("gate.")));
    return all;
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    Parameterised.bindInOrder(values, grads, List.of(value, gate));
  }

  @Override
  public void setInputGradient(boolean needed) {
    value.setInputGradient(needed);
    gate.setInputGradient(needed);
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    k = kernels;
    value.plan(maxBatch, kernels);
    gate.plan(maxBatch, kernels);
    long width = outputSize();
    g = new BatchBuffer(kernels, maxBatch, width);
    out = new BatchBuffer(kernels, maxBatch, width);
    dValue = new BatchBuffer(kernels, maxBatch, width);
    dGate = new BatchBuffer(kernels, maxBatch, width);
  }

  @Override
  public INDArray forward(INDArray x) {
    long n = x.size(0);
    lastValue = value.forward(x);
    INDArray o = out.rows(n);
    k.gate(lastValue, gate.forward(x), g.rows(n), o);
    return o;
  }

  @Override
  public void setParameterGradients(boolean needed) {
    value.setParameterGradients(needed);
    gate.setParameterGradients(needed);
  }

  @Override
  public INDArray backward(INDArray dOut) {
    long n = dOut.size(0);
    INDArray dv = dValue.rows(n);
    INDArray dg = dGate.rows(n);
    k.gateBackward(dOut, lastValue, g.rows(n), dv, dg);
    return gate.backward(dg, value.backward(dv));  // the gate's input gradient added in its product
  }
}
