package org.vaelab.api.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fully connected layer {@code out = act(in · W + b)}, bias and activation fused. */
public final class Dense implements Layer {
  private final long in;
  private final long out;
  private final Activation activation;
  private final ParamSpec.Init weightInit;
  private boolean inputGradient = true;
  private boolean parameterGradients = true;
  private INDArray w;
  private INDArray b;
  private INDArray dW;
  private INDArray dB;
  private Kernels k;
  private BatchBuffer pre;
  private BatchBuffer act;
  private BatchBuffer dPre;
  private BatchBuffer dIn;
  private INDArray lastIn;

  public Dense(long in, long out, Activation activation) {
    this(in, out, activation, ParamSpec.Init.FAN_IN_UNIFORM);
  }

  /** As above, with {@code weightInit} for W (the bias keeps PyTorch's fan-in uniform init). */
  public Dense(long in, long out, Activation activation, ParamSpec.Init weightInit) {
    this.weightInit = weightInit;
    if (in <= 0 || out <= 0) throw new IllegalArgumentException("Dense sizes must be > 0, was " + in + "x" + out);
    this.in = in;
    this.out = out;
    this.activation = activation;
  }

  @Override public long inputSize() { return in; }

  @Override public long outputSize() { return out; }

  @Override
  public List<ParamSpec> params() {
    return List.of(new ParamSpec("W", new long[] {in, out}, weightInit, in),
        new ParamSpec("b", new long[] {out}, ParamSpec.Init.FAN_IN_UNIFORM, in));
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    w = values.get(0);
    b = values.get(1);
    dW = grads.get(0);
    dB = grads.get(1);
  }

  @Override public void setInputGradient(boolean needed) { inputGradient = needed; }

  @Override public void setParameterGradients(boolean needed) { parameterGradients = needed; }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    k = kernels;
    pre = new BatchBuffer(kernels, maxBatch, out);
    act = activation == Activation.IDENTITY ? pre : new BatchBuffer(kernels, maxBatch, out);
    dPre = activation == Activation.IDENTITY ? null : new BatchBuffer(kernels, maxBatch, out);
    dIn = new BatchBuffer(kernels, maxBatch, in);
  }

  @Override
  public INDArray forward(INDArray x) {
    long n = x.size(0);
    lastIn = x;
    INDArray p = pre.rows(n);
    INDArray a = act.rows(n);
    k.gemm(x, w, p, false, false, 1.0, 0.0);
    k.biasActivation(p, b, activation, a);
    return a;
  }

  @Override
  public INDArray backward(INDArray dOut) {
    return backward(dOut, null);
  }

  /**
   * {@link #backward}, with the input gradient added to {@code addTo} (and returned) when it is not
   * null, in the product that computes it: for layers that share an input.
   */
  INDArray backward(INDArray dOut, INDArray addTo) {
    long n = dOut.size(0);
    INDArray d = dPre == null ? dOut : dPre.rows(n);
    k.activationBackward(dOut, pre.rows(n), act.rows(n), activation, d, dB);
    if (parameterGradients) k.gemm(lastIn, d, dW, true, false, 1.0, 1.0);
    if (!inputGradient) return null;
    INDArray dx = addTo == null ? dIn.rows(n) : addTo;
    k.gemm(d, w, dx, false, true, 1.0, addTo == null ? 0.0 : 1.0);
    return dx;
  }
}
