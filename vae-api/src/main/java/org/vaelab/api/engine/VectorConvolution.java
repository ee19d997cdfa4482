package org.vaelab.api.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Convolutions for cpu-vector: the batch is cut into two fixed halves, each an {@link UnrolledConvolution}
 * (im2col, one gemm, col2im), run at once on two cores with one-thread products, or one after the
 * other in an evaluation worker. The halves are the same either way, so are the bits. libnd4j's
 * conv2d ops took 94% of a default-CNN step at 10 GFLOP/s; the whole batch on one core with a
 * two-thread gemm left the unrolling on one core and OpenBLAS's idle thread spinning on the other
 * (measured).
 */
final class VectorConvolution {
  private final UnrolledConvolution[] halves;
  private final VectorKernels kernels;
  private INDArray upperWeightGradient;

  VectorConvolution(VectorKernels kernels) {
    this.kernels = kernels;
    this.halves = new UnrolledConvolution[] {new UnrolledConvolution(kernels), new UnrolledConvolution(kernels)};
  }

  private static INDArray rows(INDArray a, int from, int to) {
    return a == null ? null : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
  }

  void forward(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g) {
    int n = (int) in.size(0);
    if (n < 2) {
      halves[0].forward(in, w, b, out, g);
      return;
    }
    kernels.inHalves(n, (from, to) -> halves[from == 0 ? 0 : 1].forward(rows(in, from, to), w, b, rows(out, from, to), g));
  }

  void backward(INDArray in, INDArray w, INDArray dOut, INDArray dIn, INDArray dW, INDArray dB, ConvGeometry g) {
    int n = (int) in.size(0);
    if (n < 2) {
      HostArrays.write(halves[0].backward(in, w, dOut, dIn, dW, g), dB);
      return;
    }
    if (upperWeightGradient == null || !java.util.Arrays.equals(upperWeightGradient.shape(), dW.shape())) {
      upperWeightGradient = kernels.create(dW.shape());
    }
    INDArray upper = upperWeightGradient;
    double[][] sums = new double[2][];
    kernels.inHalves(n, (from, to) -> {
      int h = from == 0 ? 0 : 1;
      sums[h] = halves[h].backward(rows(in, from, to), w, rows(dOut, from, to), rows(dIn, from, to), h == 0 ? dW : upper, g);
    });
    dW.addi(upper);
    for (int c = 0; c < sums[0].length; c++) sums[0][c] += sums[1][c];
    HostArrays.write(sums[0], dB);
  }
}
