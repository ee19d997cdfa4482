package org.vaelab.models.codes;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.Parameterised;

/**
 * A dense layer whose weights are multiplied by a fixed 0/1 mask (MADE, Germain et al. 2015): the
 * mask is applied to the weights before each forward and to their gradient after each backward, so
 * masked weights stay 0 whatever the initialisation or the optimiser.
 */
final class MaskedLinear implements Parameterised {
  private final int in;
  private final int out;
  private final boolean[][] connected;
  private final Activation activation;
  private final ParamSpec.Init init;
  private Kernels k;
  private INDArray w;
  private INDArray b;
  private INDArray dW;
  private INDArray dB;
  private INDArray mask;
  private BatchBuffer pre;
  private BatchBuffer act;
  private BatchBuffer dPre;
  private BatchBuffer dIn;
  private INDArray lastIn;

  /** {@code connected[i][o]}: whether input i feeds output o; {@code init} ZEROS zeroes weights and bias. */
  MaskedLinear(boolean[][] connected, Activation activation, ParamSpec.Init init) {
    this.in = connected.length;
    this.out = connected[0].length;
    this.connected = connected;
    this.activation = activation;
    this.init = init;
  }

  @Override
  public List<ParamSpec> params() {
    ParamSpec.Init bias = init == ParamSpec.Init.ZEROS ? ParamSpec.Init.ZEROS : ParamSpec.Init.FAN_IN_UNIFORM;
    return List.of(new ParamSpec("W", new long[] {in, out}, init, in), new ParamSpec("b", new long[] {out}, bias, in));
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    w = values.get(0);
    b = values.get(1);
    dW = grads.get(0);
    dB = grads.get(1);
  }

  void plan(int maxRows, Kernels kernels) {
    k = kernels;
    pre = new BatchBuffer(kernels, maxRows, out);
    act = activation == Activation.IDENTITY ? pre : new BatchBuffer(kernels, maxRows, out);
    dPre = activation == Activation.IDENTITY ? null : new BatchBuffer(kernels, maxRows, out);
    dIn = new BatchBuffer(kernels, maxRows, in);
    mask = kernels.create(in, out);
    for (int i = 0; i < in; i++) for (int o = 0; o < out; o++) mask.putScalar(i, o, connected[i][o] ? 1 : 0);
  }

  /** Whether every weight and bias is 0 (the output layer before fitting). */
  boolean isZero() {
    return k.sumOfSquares(w) == 0 && k.sumOfSquares(b) == 0;
  }

  INDArray forward(INDArray x) {
    long n = x.size(0);
    lastIn = x;
    w.muli(mask);
    INDArray p = pre.rows(n);
    INDArray a = act.rows(n);
    k.gemm(x, w, p, false, false, 1.0, 0.0);
    k.biasActivation(p, b, activation, a);
    return a;
  }

  /** ADDS the parameter gradients; returns ∂loss/∂input when {@code inputGradient}, else null. */
  INDArray backward(INDArray dOut, boolean inputGradient) {
    long n = dOut.size(0);
    INDArray d = dPre == null ? dOut : dPre.rows(n);
    k.activationBackward(dOut, pre.rows(n), act.rows(n), activation, d, dB);
    k.gemm(lastIn, d, dW, true, false, 1.0, 1.0);
    dW.muli(mask);
    if (!inputGradient) return null;
    INDArray dx = dIn.rows(n);
    k.gemm(d, w, dx, false, true, 1.0, 0.0);
    return dx;
  }
}
