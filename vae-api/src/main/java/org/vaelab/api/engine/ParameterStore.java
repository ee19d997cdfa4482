package org.vaelab.api.engine;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All parameters of a model in one flat array, and their gradients in another; every component
 * is bound to views of the two, so an optimiser updates the whole model with one kernel call.
 */
public final class ParameterStore {
  private final INDArray values;
  private final INDArray grads;
  private final List<ParamSpec> specs = new ArrayList<>();
  private final List<INDArray> valueViews = new ArrayList<>();
  private final List<INDArray> gradViews = new ArrayList<>();

  private ParameterStore(List<? extends Parameterised> parts, Kernels kernels) {
    long total = 0;
    for (Parameterised p : parts) for (ParamSpec s : p.params()) total += s.length();
    values = kernels.create(Math.max(total, 1));
    grads = kernels.create(Math.max(total, 1));
    long offset = 0;
    for (Parameterised p : parts) {
      List<INDArray> vs = new ArrayList<>();
      List<INDArray> gs = new ArrayList<>();
      for (ParamSpec s : p.params()) {
        vs.add(view(values, offset, s));
        gs.add(view(grads, offset, s));
        offset += s.length();
        specs.add(s);
      }
      valueViews.addAll(vs);
      gradViews.addAll(gs);
      p.bind(vs, gs);
    }
  }

  private ParameterStore(ParameterStore whole, int fromTensor, int toTensor) {
    long from = 0;
    for (int i = 0; i < fromTensor; i++) from += whole.specs.get(i).length();
    long to = from;
    for (int i = fromTensor; i < toTensor; i++) to += whole.specs.get(i).length();
    values = whole.values.get(NDArrayIndex.interval(from, Math.max(to, from + 1)));
    grads = whole.grads.get(NDArrayIndex.interval(from, Math.max(to, from + 1)));
    specs.addAll(whole.specs.subList(fromTensor, toTensor));
    valueViews.addAll(whole.valueViews.subList(fromTensor, toTensor));
    gradViews.addAll(whole.gradViews.subList(fromTensor, toTensor));
  }

  /**
   * Tensors [{@code fromTensor}, {@code toTensor}) as a store of their own: views of this store's
   * arrays, for an optimiser that trains only some parts (one stage of a two-stage model).
   */
  public ParameterStore slice(int fromTensor, int toTensor) {
    return new ParameterStore(this, fromTensor, toTensor);
  }

  /** How many tensors the store holds. */
  public int tensors() { return specs.size(); }

  /** Allocates the flat arrays for {@code parts} and binds each part to its views. */
  public static ParameterStore allocate(List<? extends Parameterised> parts, Kernels kernels) {
    return new ParameterStore(parts, kernels);
  }

  private static INDArray view(INDArray flat, long offset, ParamSpec s) {
    return flat.get(NDArrayIndex.interval(offset, offset + s.length())).reshape('c', s.shape());
  }

  /** Initialises every parameter from its spec, reproducibly from {@code seed}. */
  public void initialise(long seed) {
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    for (int i = 0; i < specs.size(); i++) {
      ParamSpec s = specs.get(i);
      INDArray v = valueViews.get(i);
      switch (s.init()) {
        case ZEROS -> v.assign(0);
        case FAN_IN_UNIFORM -> {
          double bound = 1.0 / Math.sqrt(s.fanIn());
          Nd4j.getExecutioner().exec(new UniformDistribution(v, -bound, bound), rng);
        }
        case HE_NORMAL -> Nd4j.getExecutioner().exec(new GaussianDistribution(v, 0.0, Math.sqrt(2.0 / s.fanIn())), rng);
      }
    }
  }

  /** Every parameter's view, in the order the parts declared them. */
  public List<INDArray> valueViews() { return List.copyOf(valueViews); }

  /** Every gradient's view, in the same order. */
  public List<INDArray> gradViews() { return List.copyOf(gradViews); }

  /** A label per tensor, in {@link #gradViews} order: its index, name and shape. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      out.add("tensor #" + i + " '" + specs.get(i).name() + "' " + java.util.Arrays.toString(specs.get(i).shape()));
    }
    return out;
  }

  public INDArray values() { return values; }

  public INDArray grads() { return grads; }

  public long size() { return values.length(); }

  public void zeroGrads() { grads.assign(0); }
}
