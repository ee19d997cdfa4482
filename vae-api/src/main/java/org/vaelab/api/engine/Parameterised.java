package org.vaelab.api.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A component that owns parameters: it declares them, and receives views into flat arrays. */
public interface Parameterised {
  /** The parameters this component needs, in a fixed order. */
  List<ParamSpec> params();

  /**
   * Hands the component views of its parameters and of their gradients, in the order of
   * {@link #params()}. Gradients are accumulated by {@code backward}; the caller zeroes them.
   */
  void bind(List<INDArray> values, List<INDArray> grads);

  /**
   * Binds {@code parts} to consecutive slices of {@code values} and {@code grads}, each as many
   * views as it has params, in order; returns how many views they took (a composite's own
   * parameters, if any, follow).
   */
  static int bindInOrder(List<INDArray> values, List<INDArray> grads, List<? extends Parameterised> parts) {
    int at = 0;
    for (Parameterised p : parts) {
      int n = p.params().size();
      p.bind(values.subList(at, at + n), grads.subList(at, at + n));
      at += n;
    }
    return at;
  }
}
