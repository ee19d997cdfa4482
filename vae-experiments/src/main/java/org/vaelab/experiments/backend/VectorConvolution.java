package org.vaelab.experiments.backend;

import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.ConvGeometry;
import org.vaelab.api.engine.HostArrays;

/**
 * Convolutions for cpu-vector: the batch is cut into two fixed halves, each an {@link UnrolledConvolution}
 * (im2col, one gemm, col2im), or a {@link PlaneConvolution} when the image side has one channel, run
 * at once on two cores with one-thread products, or one after the other in an evaluation worker. The halves are the same either way, so are the bits. One batch
 * with a two-thread gemm would leave the unrolling on one core and the BLAS's idle thread spinning
 * on the other.
 */
final class VectorConvolution {
  private final UnrolledConvolution[] unrolledHalves;
  /** The halves for one-channel images (see {@link PlaneConvolution}). */
  private final PlaneConvolution[] planeHalves = {new PlaneConvolution(), new PlaneConvolution()};
  private final VectorKernels kernels;
  private INDArray upperWeightGradient;
  /**
   * The input of each layer's last forward pass (by its weights), whose patches (or channel-major
   * copy, when transposed) the halves kept: its backward pass with that input skips making them
   * again. Not in a worker, whose evaluations run forward passes alone on larger batches.
   */
  private final Map<INDArray, INDArray> unrolled = new IdentityHashMap<>();

  VectorConvolution(VectorKernels kernels) {
    this.kernels = kernels;
    this.unrolledHalves = new UnrolledConvolution[] {new UnrolledConvolution(kernels), new UnrolledConvolution(kernels)};
  }

  /**
   * Rows {@code [0, split)} and {@code [split, n)} of a row-major array, as buffers over its memory (ND4J
   * row views of a batch that is itself a view come back without data).
   */
  private static FloatBuffer[] halves(INDArray a, int split, int n) {
    if (a == null) return new FloatBuffer[2];
    FloatBuffer all = HostArrays.floats(a);
    int row = (int) (a.length() / n);
    return new FloatBuffer[] {all.slice(0, split * row), all.slice(split * row, (n - split) * row)};
  }

  /** The halves that run {@code g}: image by image when its image side has one channel. */
  private HalfConvolution[] halvesFor(ConvGeometry g) {
    return (g.transposed() ? g.outChannels() : g.inChannels()) == 1 ? planeHalves : unrolledHalves;
  }

  /** {@code out = conv(in) + b}, through a ReLU when {@code relu}. */
  void forward(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g, boolean relu) {
    HalfConvolution[] parts = halvesFor(g);
    int n = (int) in.size(0);
    int split = n / 2;
    boolean keep = !kernels.isWorker();
    if (keep) unrolled.put(w, in);
    if (split == 0) {
      parts[0].forward(HostArrays.floats(in), n, w, b, HostArrays.floats(out), g, relu, keep);
      return;
    }
    int[] rows = {split, n - split};
    FloatBuffer[] ins = halves(in, split, n);
    FloatBuffer[] outs = halves(out, split, n);
    kernels.inHalves(h -> parts[h].forward(ins[h], rows[h], w, b, outs[h], g, relu, keep));
  }

  /** Gradients of {@link #forward}; {@code relu}, when not null, is the forward's output through its ReLU. */
  void backward(INDArray in, INDArray w, INDArray relu, INDArray dOut, INDArray dIn, INDArray dW, INDArray dB,
      ConvGeometry g) {
    HalfConvolution[] parts = halvesFor(g);
    int n = (int) in.size(0);
    int split = n / 2;
    boolean kept = unrolled.remove(w) == in;
    if (split == 0) {
      HostArrays.write(parts[0].backward(HostArrays.floats(in), n, w, relu == null ? null : HostArrays.floats(relu),
          HostArrays.floats(dOut),
          dIn == null ? null : HostArrays.floats(dIn), dW, g, kept), dB);
      return;
    }
    if (upperWeightGradient == null || !java.util.Arrays.equals(upperWeightGradient.shape(), dW.shape())) {
      upperWeightGradient = kernels.create(dW.shape());
    }
    INDArray[] weightGradients = {dW, upperWeightGradient};
    FloatBuffer[] ins = halves(in, split, n);
    FloatBuffer[] relus = halves(relu, split, n);
    FloatBuffer[] dOuts = halves(dOut, split, n);
    FloatBuffer[] dIns = halves(dIn, split, n);
    int[] rows = {split, n - split};
    double[][] sums = new double[2][];
    kernels.inHalves(h -> sums[h] = parts[h].backward(ins[h], rows[h], w, relus[h], dOuts[h], dIns[h], weightGradients[h], g,
        kept));
    dW.addi(upperWeightGradient);
    for (int c = 0; c < sums[0].length; c++) sums[0][c] += sums[1][c];
    HostArrays.write(sums[0], dB);
  }
}
