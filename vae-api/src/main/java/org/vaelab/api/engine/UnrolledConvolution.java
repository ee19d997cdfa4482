package org.vaelab.api.engine;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A convolution over a batch as one matrix product per call, on the calling thread: the patches are
 * unrolled (im2col, rows ordered kernel-row, kernel-column, channel to match the weight layouts of
 * {@link ConvGeometry}) and results scattered back (col2im). Transposed convolutions run as the input
 * gradient of the convolution they invert, and the other way round.
 */
final class UnrolledConvolution {
  private final Kernels gemm;
  private INDArray scratch;

  UnrolledConvolution(Kernels gemm) {
    this.gemm = gemm;
  }

  /** Rows {@code [from, from + rows·cols)} of the scratch buffer as a {@code [rows, cols]} matrix. */
  private INDArray matrix(long from, long rows, long cols) {
    long need = from + rows * cols;
    if (scratch == null || scratch.length() < need) scratch = gemm.create(Math.max(need, scratch == null ? 0 : 2 * scratch.length()));
    return scratch.get(NDArrayIndex.interval(from, from + rows * cols)).reshape(rows, cols);
  }

  /** Image side and patch grid of the convolution that maps the larger image to the smaller one. */
  private record Unroll(int channels, int height, int width, int gridH, int gridW, int kernel, int stride, int padding) {
    static Unroll of(ConvGeometry g) {
      return g.transposed()
          ? new Unroll(g.outChannels(), g.outHeight(), g.outWidth(), g.inHeight(), g.inWidth(), g.kernel(), g.stride(), g.padding())
          : new Unroll(g.inChannels(), g.inHeight(), g.inWidth(), g.outHeight(), g.outWidth(), g.kernel(), g.stride(), g.padding());
    }

    int rows() { return kernel * kernel * channels; }

    int grid() { return gridH * gridW; }
  }

  /** {@code out = conv(in) + b} for {@code n} images, row after row in {@code in} and {@code out}. */
  void forward(FloatBuffer in, int n, INDArray w, INDArray b, FloatBuffer out, ConvGeometry g) {
    Unroll u = Unroll.of(g);
    long cols = (long) n * u.grid();
    if (!g.transposed()) {
      INDArray col = matrix(0, u.rows(), cols);
      im2col(in, col, u, n);
      INDArray y = matrix(col.length(), g.outChannels(), cols);
      gemm.gemm(w.reshape(u.rows(), g.outChannels()), col, y, true, false, 1, 0);
      channelMajorToRows(y, out, g.outChannels(), u.grid(), n, b);
    } else {
      INDArray x = matrix(0, g.inChannels(), cols);
      rowsToChannelMajor(in, x, g.inChannels(), u.grid(), n);
      INDArray col = matrix(x.length(), u.rows(), cols);
      gemm.gemm(w.reshape(u.rows(), g.inChannels()), x, col, false, false, 1, 0);
      col2im(col, out, u, n, b);
    }
  }

  /** Writes dW (overwrites) and dIn unless null; returns dOut summed per output channel (the bias gradient). */
  double[] backward(FloatBuffer in, int n, INDArray w, FloatBuffer dOut, FloatBuffer dIn, INDArray dW, ConvGeometry g) {
    Unroll u = Unroll.of(g);
    long cols = (long) n * u.grid();
    double[] channelSums = channelSums(dOut, (int) g.outputSize(), g.outChannels(), n);
    if (!g.transposed()) {
      INDArray dy = matrix(0, g.outChannels(), cols);
      rowsToChannelMajor(dOut, dy, g.outChannels(), u.grid(), n);
      INDArray col = matrix(dy.length(), u.rows(), cols);
      im2col(in, col, u, n);
      gemm.gemm(col, dy, dW.reshape(u.rows(), g.outChannels()), false, true, 1, 0);
      if (dIn != null) {
        gemm.gemm(w.reshape(u.rows(), g.outChannels()), dy, col, false, false, 1, 0);
        col2im(col, dIn, u, n, null);
      }
    } else {
      INDArray x = matrix(0, g.inChannels(), cols);
      rowsToChannelMajor(in, x, g.inChannels(), u.grid(), n);
      INDArray col = matrix(x.length(), u.rows(), cols);
      im2col(dOut, col, u, n);
      gemm.gemm(col, x, dW.reshape(u.rows(), g.inChannels()), false, true, 1, 0);
      if (dIn != null) {
        gemm.gemm(w.reshape(u.rows(), g.inChannels()), col, x, true, false, 1, 0);
        channelMajorToRows(x, dIn, g.inChannels(), u.grid(), n, null);
      }
    }
    return channelSums;
  }

  /** A heap array of at least {@code size} floats, reused: slot 0 for whole images, 1 for one row of col. */
  private float[] heap(int slot, long size) {
    if (heap[slot].length < size) heap[slot] = new float[(int) size];
    return heap[slot];
  }

  private final float[][] heap = {new float[0], new float[0]};

  /**
   * col[(kh·K + kw)·C + c, i·G + gy·gridW + gx] = image_i[c, gy·s − p + kh, gx·s − p + kw], 0 outside.
   * Row by row of col. (Writing per image channel instead, to keep it in cache, was 10% slower: 16
   * scattered partial-line writes per channel.)
   */
  private void im2col(FloatBuffer images, INDArray col, Unroll u, int n) {
    int plane = u.height * u.width;
    int imageSize = u.channels * plane;
    float[] src = heap(0, (long) n * imageSize);
    images.get(0, src, 0, n * imageSize);
    int cols = n * u.grid();
    float[] row = heap(1, cols);
    FloatBuffer dst = HostArrays.floats(col);
    for (int r = 0; r < u.rows(); r++) {
      int kh = r / (u.kernel * u.channels);
      int kw = r / u.channels % u.kernel;
      int c = r % u.channels;
      int gy0 = firstInside(kh, u.padding, u.stride);
      int gy1 = Math.min(u.gridH, lastInside(kh, u.padding, u.stride, u.height) + 1);
      int gx0 = firstInside(kw, u.padding, u.stride);
      int gx1 = Math.min(u.gridW, lastInside(kw, u.padding, u.stride, u.width) + 1);
      java.util.Arrays.fill(row, 0, cols, 0f);
      for (int i = 0; i < n; i++) {
        int base = i * imageSize + c * plane;
        for (int gy = gy0; gy < gy1; gy++) {
          int at = (i * u.gridH + gy) * u.gridW;
          int from = base + (gy * u.stride - u.padding + kh) * u.width + gx0 * u.stride - u.padding + kw;
          for (int gx = gx0; gx < gx1; gx++, from += u.stride) row[at + gx] = src[from];
        }
      }
      dst.put(r * cols, row, 0, cols);
    }
  }

  /** The first grid column whose kernel column {@code kw} lands inside the image (x ≥ 0). */
  private static int firstInside(int kw, int padding, int stride) {
    return Math.max(0, Math.floorDiv(padding - kw + stride - 1, stride));
  }

  /** The last grid column whose kernel column {@code kw} lands inside an image of {@code width}. */
  private static int lastInside(int kw, int padding, int stride, int width) {
    return Math.floorDiv(width - 1 + padding - kw, stride);
  }

  /** The adjoint of {@link #im2col}: images = Σ of the patches in col (in (kh, kw) order), plus the channel bias when given. */
  private void col2im(INDArray col, FloatBuffer images, Unroll u, int n, INDArray bias) {
    int plane = u.height * u.width;
    int imageSize = u.channels * plane;
    float[] dst = heap(0, (long) n * imageSize);
    float[] b = bias == null ? null : bias.toFloatVector();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < u.channels; c++) {
        java.util.Arrays.fill(dst, i * imageSize + c * plane, i * imageSize + (c + 1) * plane, b == null ? 0f : b[c]);
      }
    }
    int cols = n * u.grid();
    float[] row = heap(1, cols);
    FloatBuffer src = HostArrays.floats(col);
    for (int kh = 0; kh < u.kernel; kh++) {
      int gy0 = firstInside(kh, u.padding, u.stride);
      int gy1 = Math.min(u.gridH, lastInside(kh, u.padding, u.stride, u.height) + 1);
      for (int kw = 0; kw < u.kernel; kw++) {
        int gx0 = firstInside(kw, u.padding, u.stride);
        int gx1 = Math.min(u.gridW, lastInside(kw, u.padding, u.stride, u.width) + 1);
        for (int c = 0; c < u.channels; c++) {
          src.get(((kh * u.kernel + kw) * u.channels + c) * cols, row, 0, cols);
          for (int i = 0; i < n; i++) {
            int base = i * imageSize + c * plane;
            for (int gy = gy0; gy < gy1; gy++) {
              int at = (i * u.gridH + gy) * u.gridW;
              int to = base + (gy * u.stride - u.padding + kh) * u.width + gx0 * u.stride - u.padding + kw;
              for (int gx = gx0; gx < gx1; gx++, to += u.stride) dst[to] += row[at + gx];
            }
          }
        }
      }
    }
    images.put(0, dst, 0, n * imageSize);
  }

  /** rows[i, c·P + p] = m[c, i·P + p] (+ bias[c]). */
  private void channelMajorToRows(INDArray m, FloatBuffer rows, int channels, int plane, int n, INDArray bias) {
    float[] all = heap(0, (long) n * channels * plane);
    HostArrays.floats(m).get(0, all, 0, n * channels * plane);
    float[] out = heap(1, (long) n * channels * plane);
    float[] b = bias == null ? null : bias.toFloatVector();
    for (int c = 0; c < channels; c++) {
      float add = b == null ? 0f : b[c];
      for (int i = 0; i < n; i++) {
        int from = (c * n + i) * plane;
        int to = (i * channels + c) * plane;
        for (int p = 0; p < plane; p++) out[to + p] = all[from + p] + add;
      }
    }
    rows.put(0, out, 0, n * channels * plane);
  }

  /** m[c, i·P + p] = rows[i, c·P + p]. */
  private void rowsToChannelMajor(FloatBuffer rows, INDArray m, int channels, int plane, int n) {
    float[] all = heap(0, (long) n * channels * plane);
    rows.get(0, all, 0, n * channels * plane);
    float[] out = heap(1, (long) n * channels * plane);
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < n; i++) System.arraycopy(all, (i * channels + c) * plane, out, (c * n + i) * plane, plane);
    }
    HostArrays.floats(m).put(0, out, 0, n * channels * plane);
  }

  /** Σ over images and positions of dOut, per channel. */
  private double[] channelSums(FloatBuffer dOut, int size, int channels, int n) {
    int plane = size / channels;
    float[] all = heap(0, (long) n * size);
    dOut.get(0, all, 0, n * size);
    double[] sums = new double[channels];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < channels; c++) {
        int from = (i * channels + c) * plane;
        float s = 0;
        for (int p = 0; p < plane; p++) s += all[from + p];
        sums[c] += s;
      }
    }
    return sums;
  }
}
