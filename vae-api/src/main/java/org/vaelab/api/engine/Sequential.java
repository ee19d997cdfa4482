package org.vaelab.api.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Layers applied in order; backward runs them in reverse. */
public final class Sequential implements Layer {
  private final List<Layer> layers;

  public Sequential(List<? extends Layer> layers) {
    if (layers.isEmpty()) throw new IllegalArgumentException("Sequential needs at least one layer");
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i - 1).outputSize() != layers.get(i).inputSize()) {
        throw new IllegalArgumentException("layer " + i + " expects " + layers.get(i).inputSize()
            + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputSize());
      }
    }
    this.layers = List.copyOf(layers);
  }

  @Override public long inputSize() { return layers.get(0).inputSize(); }

  @Override public long outputSize() { return layers.get(layers.size() - 1).outputSize(); }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> all = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      for (ParamSpec p : layers.get(i).params()) {
        all.add(p.prefixed(i + "."));
      }
    }
    return all;
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    Parameterised.bindInOrder(values, grads, layers);
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    for (Layer l : layers) l.plan(maxBatch, kernels);
  }

  @Override
  public INDArray forward(INDArray in) {
    INDArray x = in;
    for (Layer l : layers) x = l.forward(x);
    return x;
  }

  @Override
  public INDArray backward(INDArray dOut) {
    INDArray d = dOut;
    for (int i = layers.size() - 1; i >= 0; i--) d = layers.get(i).backward(d);
    return d;
  }

  @Override
  public void setInputGradient(boolean needed) {
    layers.get(0).setInputGradient(needed);
  }

  @Override
  public void setParameterGradients(boolean needed) {
    for (Layer l : layers) l.setParameterGradients(needed);
  }

  /** A multi-layer perceptron: hidden layers with {@code act}, then a final layer with {@code outAct}. */
  public static Sequential mlp(long in, List<Integer> hidden, long out, Activation act, Activation outAct) {
    return mlp(in, hidden, out, act, outAct, false, ParamSpec.Init.FAN_IN_UNIFORM);
  }

  /**
   * As above; with {@code gated} the hidden layers are {@link GatedDense} (act on their value
   * part), and every weight matrix is initialised by {@code init}.
   */
  public static Sequential mlp(long in, List<Integer> hidden, long out, Activation act, Activation outAct,
      boolean gated, ParamSpec.Init init) {
    List<Layer> ls = new ArrayList<>();
    long width = in;
    for (int h : hidden) {
      ls.add(gated ? new GatedDense(width, h, act, init) : new Dense(width, h, act, init));
      width = h;
    }
    ls.add(new Dense(width, out, outAct, init));
    return new Sequential(ls);
  }

  /** Hidden layers only, each with {@code act} (gated or plain): an encoder's body. */
  public static Sequential hidden(long in, List<Integer> hidden, Activation act, boolean gated, ParamSpec.Init init) {
    List<Layer> ls = new ArrayList<>();
    long width = in;
    for (int h : hidden) {
      ls.add(gated ? new GatedDense(width, h, act, init) : new Dense(width, h, act, init));
      width = h;
    }
    return new Sequential(ls);
  }
}
