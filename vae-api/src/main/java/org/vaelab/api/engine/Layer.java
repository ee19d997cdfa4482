package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A differentiable map from {@code [batch, inputSize]} to {@code [batch, outputSize]} arrays
 * (row-major; a layer reshapes views internally when it needs images). Buffers are allocated
 * once by {@link #plan}; {@code forward} and {@code backward} allocate nothing and return arrays
 * the layer owns, valid until its next call.
 */
public interface Layer extends Parameterised {
  long inputSize();

  long outputSize();

  /** Allocates activation buffers for batches of up to {@code maxBatch} rows. */
  void plan(int maxBatch, Kernels kernels);

  /** Computes the output for {@code in} ({@code b <= maxBatch} rows). */
  INDArray forward(INDArray in);

  /**
   * Back-propagates {@code dOut} (gradient of the loss w.r.t. the last output), accumulating
   * parameter gradients. Returns the gradient w.r.t. the input, or {@code null} when input
   * gradients were switched off with {@link #setInputGradient}.
   */
  INDArray backward(INDArray dOut);

  /** Whether {@link #backward} must compute the input gradient (off for a network's first layer). */
  void setInputGradient(boolean needed);

  /**
   * Whether {@link #backward} must accumulate parameter gradients: on unless switched off, as a frozen
   * model's evaluation does when only input gradients count (since API 2.2; the default computes them).
   */
  default void setParameterGradients(boolean needed) {}
}
