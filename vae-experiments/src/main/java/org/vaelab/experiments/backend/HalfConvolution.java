package org.vaelab.experiments.backend;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.ConvGeometry;

/** One half of a batch's convolution, on the calling thread (see {@link VectorConvolution}). */
interface HalfConvolution {
  /**
   * {@code out = conv(in) + b}, through a ReLU when {@code relu}, for {@code n} images, row after row in
   * {@code in} and {@code out}. With {@code keep}, what it makes of {@code in} may stay for the backward pass.
   */
  void forward(FloatBuffer in, int n, INDArray w, INDArray b, FloatBuffer out, ConvGeometry g, boolean relu, boolean keep);

  /**
   * Writes dW (overwrites) and dIn unless null; returns the output's gradient summed per channel (the
   * bias gradient). That gradient is {@code dOut}, zero where {@code relu} (the ReLU's output) is not
   * positive when given. With {@code kept}, it may take what its forward pass kept of this input.
   */
  double[] backward(FloatBuffer in, int n, INDArray w, FloatBuffer relu, FloatBuffer dOut, FloatBuffer dIn, INDArray dW,
      ConvGeometry g, boolean kept);
}
