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
}
