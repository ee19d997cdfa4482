package org.vaelab.api.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2-D convolution, or transposed convolution, with bias and activation, on flat NCHW rows (see
 * {@link ConvGeometry}); libnd4j's conv2d/deconv2d ops and their backprop through the kernel facade.
 */
public final class Conv2d implements Layer {
  private final ConvGeometry g;
  private final Activation activation;
  private boolean inputGradient = true;
  private INDArray w;
  private INDArray b;
  private INDArray dW;
  private INDArray dB;
  private INDArray dWStep;
  private INDArray dBStep;
  private Kernels k;
  private BatchBuffer act;
  private BatchBuffer dPre;
  private BatchBuffer dIn;
  private INDArray lastIn;

  public Conv2d(ConvGeometry geometry, Activation activation) {
    this.g = geometry;
    this.activation = activation;
  }

  public ConvGeometry geometry() { return g; }

  @Override public long inputSize() { return g.inputSize(); }

  @Override public long outputSize() { return g.outputSize(); }

  @Override
  public List<ParamSpec> params() {
    long fanIn = (long) (g.transposed() ? g.outChannels() : g.inChannels()) * g.kernel() * g.kernel();
    return List.of(new ParamSpec("W", g.weightShape(), ParamSpec.Init.FAN_IN_UNIFORM, fanIn),
        new ParamSpec("b", new long[] {g.outChannels()}, ParamSpec.Init.FAN_IN_UNIFORM, fanIn));
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    w = values.get(0);
    b = values.get(1);
    dW = grads.get(0);
    dB = grads.get(1);
  }

  @Override public void setInputGradient(boolean needed) { inputGradient = needed; }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    k = kernels;
    kernels.planConvolutions();
    long out = g.outputSize();
    act = new BatchBuffer(kernels, maxBatch, out);
    dPre = activation == Activation.IDENTITY ? null : new BatchBuffer(kernels, maxBatch, out);
    dIn = new BatchBuffer(kernels, maxBatch, g.inputSize());
    dWStep = kernels.create(g.weightShape());
    dBStep = kernels.create(g.outChannels());
  }

  @Override
  public INDArray forward(INDArray x) {
    long n = x.size(0);
    lastIn = x;
    INDArray a = act.rows(n);
    k.convolution(x, w, b, a, g, activation);
    return a;
  }

  @Override
  public INDArray backward(INDArray dOut) {
    long n = dOut.size(0);
    INDArray dx = inputGradient ? dIn.rows(n) : null;
    k.convolutionBackward(lastIn, w, b, act.rows(n), dOut, dPre == null ? null : dPre.rows(n), activation, dx, dWStep,
        dBStep, g);
    dW.addi(dWStep);
    dB.addi(dBStep);
    return dx;
  }
}
