package org.vaelab.experiments.backend;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.engine.ConvGeometry;
import org.vaelab.api.engine.HostArrays;

/**
 * A convolution over a batch as one matrix product per call, on the calling thread, for images of
 * more than one channel (one-channel ones run in {@link PlaneConvolution}). The larger image
 * is turned pixel-major (NHWC) and unrolled one patch per row (im2col; a patch's values are ordered
 * kernel-row, kernel-column, channel to match the weight layouts of {@link ConvGeometry}, so each
 * kernel row of a patch is one run of kernel·channels consecutive floats of the image), and patches
 * are added back run by run (col2im); the smaller side stays channel-major. Transposed convolutions
 * run as the input gradient of the convolution they invert, and the other way round. Channel-major
 * unrolling would gather single floats at the stride, which is slower.
 */
final class UnrolledConvolution implements HalfConvolution {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private final VectorKernels gemm;
  private INDArray scratch;
  /** Reused heap arrays: 0 a batch, 1 one image's patches, 2 a batch in the other layout (see the transposes), 3 a short row. */
  private final float[][] heap = {new float[0], new float[0], new float[0], new float[0]};
  /** Zeros for the parts of patches outside the image (see {@link #im2col}). */
  private float[] zeros = new float[0];
  /** What each layer's last forward pass made of its input, by its weights (see {@link #keptInput}). */
  private final Map<INDArray, INDArray> kept = new IdentityHashMap<>();

  UnrolledConvolution(VectorKernels gemm) {
    this.gemm = gemm;
  }

  /**
   * What a layer's last forward pass made of its input, by its weights (identity), as a
   * {@code [rows, cols]} matrix: a convolution's patches, a transposed convolution's channel-major
   * input. Its backward pass needs the same for the weight gradient.
   */
  private INDArray keptInput(INDArray w, long rows, long cols) {
    INDArray all = kept.get(w);
    if (all == null || all.length() < rows * cols) {
      all = gemm.create(rows * cols);
      kept.put(w, all);
    }
    return all.get(NDArrayIndex.interval(0, rows * cols)).reshape(rows, cols);
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

    /** Values per patch. */
    int rows() { return kernel * kernel * channels; }

    int grid() { return gridH * gridW; }

    int plane() { return height * width; }

    /** Floats per kernel row of a patch: kernel columns × channels. */
    int run() { return kernel * channels; }
  }

  /** With {@code keep}, what it makes of {@code in} stays for the backward pass (see {@link #keptInput}). */
  @Override
  public void forward(FloatBuffer in, int n, INDArray w, INDArray b, FloatBuffer out, ConvGeometry g, boolean relu, boolean keep) {
    Unroll u = Unroll.of(g);
    long cols = (long) n * u.grid();
    if (!g.transposed()) {
      INDArray patches = keep ? keptInput(w, cols, u.rows()) : matrix(0, cols, u.rows());
      im2col(rowsToPixelMajor(in, u.channels, u.plane(), n), patches, u, n);
      INDArray y = matrix(keep ? 0 : patches.length(), g.outChannels(), cols);
      gemm.gemmHere(w.reshape(u.rows(), g.outChannels()), patches, y, true, true, 1, 0);
      channelMajorToRows(y, out, g.outChannels(), u.grid(), n, b, relu);
    } else {
      INDArray x = keep ? keptInput(w, g.inChannels(), cols) : matrix(0, g.inChannels(), cols);
      rowsToChannelMajor(in, x, g.inChannels(), u.grid(), n);
      INDArray patches = matrix(keep ? 0 : x.length(), cols, u.rows());
      gemm.gemmHere(x, w.reshape(u.rows(), g.inChannels()), patches, true, true, 1, 0);
      float[] pixels = col2im(patches, u, n, b == null ? null : b.toFloatVector());
      if (relu) biasRun(pixels, 0, pixels, 0, n * u.plane() * u.channels, 0f, true);
      pixelMajorToRows(pixels, out, u.channels, u.plane(), n);
    }
  }

  /** With {@code kept}, it takes what its forward pass kept of this input (see {@link #keptInput}). */
  @Override
  public double[] backward(FloatBuffer in, int n, INDArray w, FloatBuffer relu, FloatBuffer dOut, FloatBuffer dIn, INDArray dW,
      ConvGeometry g, boolean kept) {
    Unroll u = Unroll.of(g);
    long cols = (long) n * u.grid();
    double[] channelSums = new double[g.outChannels()];
    float[] d = gradientRows(dOut, relu, g.outChannels(), (int) g.outputSize() / g.outChannels(), n, channelSums);
    if (!g.transposed()) {
      INDArray dy = matrix(0, g.outChannels(), cols);
      rowsToChannelMajor(FloatBuffer.wrap(d), dy, g.outChannels(), u.grid(), n);
      INDArray scratch = matrix(dy.length(), cols, u.rows());
      INDArray patches = kept ? keptInput(w, cols, u.rows()) : scratch;
      if (!kept) im2col(rowsToPixelMajor(in, u.channels, u.plane(), n), patches, u, n);
      gemm.gemmHere(patches, dy, dW.reshape(u.rows(), g.outChannels()), true, true, 1, 0);
      if (dIn != null) {
        gemm.gemmHere(dy, w.reshape(u.rows(), g.outChannels()), scratch, true, true, 1, 0);
        pixelMajorToRows(col2im(scratch, u, n, null), dIn, u.channels, u.plane(), n);
      }
    } else {
      INDArray scratch = matrix(0, g.inChannels(), cols);
      INDArray x = kept ? keptInput(w, g.inChannels(), cols) : scratch;
      if (!kept) rowsToChannelMajor(in, x, g.inChannels(), u.grid(), n);
      INDArray patches = matrix(scratch.length(), cols, u.rows());
      im2col(toPixelMajor(d, u.channels, u.plane(), n), patches, u, n);
      gemm.gemmHere(patches, x, dW.reshape(u.rows(), g.inChannels()), true, true, 1, 0);
      if (dIn != null) {
        gemm.gemmHere(w.reshape(u.rows(), g.inChannels()), patches, scratch, true, true, 1, 0);
        channelMajorToRows(scratch, dIn, g.inChannels(), u.grid(), n, null, false);
      }
    }
    return channelSums;
  }

  /** A heap array of at least {@code size} floats, reused (see {@link #heap}). */
  private float[] heap(int slot, long size) {
    if (heap[slot].length < size) heap[slot] = new float[(int) size];
    return heap[slot];
  }

  /** Images {@code [n, channels·plane]} (channel-major rows) as {@code [n·plane, channels]} in heap slot 0. */
  private float[] rowsToPixelMajor(FloatBuffer rows, int channels, int plane, int n) {
    int size = n * channels * plane;
    float[] all = heap(2, size);
    rows.get(0, all, 0, size);
    return toPixelMajor(all, channels, plane, n);
  }

  /** {@link #rowsToPixelMajor} of images already on the heap (not in slot 0), into slot 0. */
  private float[] toPixelMajor(float[] all, int channels, int plane, int n) {
    int size = n * channels * plane;
    float[] out = heap(0, size);
    int[] columnStarts = strides(plane);
    for (int image = 0; image < size; image += channels * plane) transpose(all, image, channels, plane, out, columnStarts);
    return out;
  }

  /** rows[i, c·plane + p] = pixels[i·plane + p, c]: the inverse of {@link #rowsToPixelMajor}. */
  private void pixelMajorToRows(float[] pixels, FloatBuffer rows, int channels, int plane, int n) {
    int size = n * channels * plane;
    float[] out = heap(2, size);
    int[] columnStarts = strides(channels);
    for (int image = 0; image < size; image += plane * channels) transpose(pixels, image, plane, channels, out, columnStarts);
    rows.put(0, out, 0, size);
  }

  /** {@code 0, cols, 2·cols, …}: a vector's worth of row starts, the gather map of {@link #transpose}. */
  private static int[] strides(int cols) {
    int[] at = new int[S.length()];
    for (int i = 0; i < at.length; i++) at[i] = i * cols;
    return at;
  }

  /**
   * dst[at + j·rows + i] = src[at + i·cols + j]: a {@code [rows, cols]} matrix transposed, each
   * output row a vector gather down a column ({@code columnStarts} from {@link #strides}; 3–4×
   * faster than a tiled scalar copy).
   */
  private static void transpose(float[] src, int at, int rows, int cols, float[] dst, int[] columnStarts) {
    int upper = S.loopBound(rows);
    for (int j = 0; j < cols; j++) {
      int to = at + j * rows;
      int i = 0;
      for (; i < upper; i += S.length()) FloatVector.fromArray(S, src, at + j + i * cols, columnStarts, 0).intoArray(dst, to + i);
      for (int from = at + j + i * cols; i < rows; i++, from += cols) dst[to + i] = src[from];
    }
  }

  /**
   * Where each kernel row of each patch of one image lies: patch row r (patch gy·gridW + gx, kernel
   * row kh, in that order) takes {@code length[r]} floats of the pixel-major image from
   * {@code from[r]} to {@code at[r]} in the image's patches; the rest of the row is outside the image
   * (zero).
   */
  private record PatchRuns(int[] at, int[] from, int[] length) {
    static PatchRuns of(Unroll u) {
      int count = u.grid() * u.kernel;
      int[] at = new int[count];
      int[] from = new int[count];
      int[] length = new int[count];
      int r = 0;
      for (int gy = 0; gy < u.gridH; gy++) {
        for (int gx = 0; gx < u.gridW; gx++) {
          int x0 = gx * u.stride - u.padding;
          int kw0 = Math.max(0, -x0);
          int kw1 = Math.min(u.kernel, u.width - x0);
          for (int kh = 0; kh < u.kernel; kh++, r++) {
            int y = gy * u.stride - u.padding + kh;
            at[r] = r * u.run() + kw0 * u.channels;
            from[r] = (y * u.width + x0 + kw0) * u.channels;
            length[r] = y < 0 || y >= u.height || kw0 >= kw1 ? 0 : (kw1 - kw0) * u.channels;
          }
        }
      }
      return new PatchRuns(at, from, length);
    }
  }

  private final Map<Unroll, PatchRuns> patchRuns = new HashMap<>();

  /**
   * patches[i·G + gy·gridW + gx, (kh·K + kw)·C + c] = image_i[gy·s − p + kh, gx·s − p + kw, c], 0
   * outside; {@code pixels} pixel-major. Each kernel row of a patch is copied straight into
   * {@code patches}, with zeros where it falls outside the image.
   */
  private void im2col(float[] pixels, INDArray patches, Unroll u, int n) {
    PatchRuns runs = patchRuns.computeIfAbsent(u, PatchRuns::of);
    int size = u.grid() * u.rows();
    int imageSize = u.plane() * u.channels;
    int run = u.run();
    if (zeros.length < run) zeros = new float[run];
    FloatBuffer dst = HostArrays.floats(patches);
    for (int i = 0; i < n; i++) {
      int image = i * imageSize;
      for (int r = 0, start = i * size; r < runs.length.length; r++, start += run) {
        int length = runs.length[r];
        int head = length == 0 ? run : runs.at[r] - r * run;
        if (head > 0) dst.put(start, zeros, 0, head);
        if (length == 0) continue;
        dst.put(start + head, pixels, image + runs.from[r], length);
        int tail = run - head - length;
        if (tail > 0) dst.put(start + head + length, zeros, 0, tail);
      }
    }
  }

  /**
   * The adjoint of {@link #im2col}: pixel-major images (in heap slot 0) = Σ of the patches, added in
   * patch order, plus the channel bias when given.
   */
  private float[] col2im(INDArray patches, Unroll u, int n, float[] bias) {
    PatchRuns runs = patchRuns.computeIfAbsent(u, PatchRuns::of);
    int size = u.grid() * u.rows();
    int imageSize = u.plane() * u.channels;
    float[] pixels = heap(0, (long) n * imageSize);
    if (bias == null) {
      Arrays.fill(pixels, 0, n * imageSize, 0f);
    } else {
      fillPixels(pixels, n * imageSize, bias);
    }
    float[] block = heap(1, size);
    FloatBuffer src = HostArrays.floats(patches);
    for (int i = 0; i < n; i++) {
      src.get(i * size, block, 0, size);
      for (int r = 0; r < runs.length.length; r++) {
        if (runs.length[r] > 0) add(block, runs.at[r], pixels, i * imageSize + runs.from[r], runs.length[r]);
      }
    }
    return pixels;
  }

  /**
   * pixels[p·C + c] = bias[c] for the first {@code size} floats, copied in runs of about 1,024 floats
   * (a copy per pixel was slow with few channels).
   */
  private void fillPixels(float[] pixels, int size, float[] bias) {
    int channels = bias.length;
    int runPixels = Math.max(1, 1024 / channels);
    float[] run = heap(3, (long) runPixels * channels);
    for (int p = 0; p < runPixels; p++) System.arraycopy(bias, 0, run, p * channels, channels);
    for (int at = 0; at < size; at += runPixels * channels) System.arraycopy(run, 0, pixels, at, Math.min(runPixels * channels, size - at));
  }

  /** dst[to + j] += src[from + j] for j < length (a vector loop: C2 does not vectorise it on its own). */
  private static void add(float[] src, int from, float[] dst, int to, int length) {
    int upper = S.loopBound(length);
    int j = 0;
    for (; j < upper; j += S.length()) {
      FloatVector.fromArray(S, dst, to + j).add(FloatVector.fromArray(S, src, from + j)).intoArray(dst, to + j);
    }
    for (; j < length; j++) dst[to + j] += src[from + j];
  }

  /** rows[i, c·P + p] = m[c, i·P + p] (+ bias[c]), through a ReLU when {@code relu}; with neither, memory to memory. */
  private void channelMajorToRows(INDArray m, FloatBuffer rows, int channels, int plane, int n, INDArray bias,
      boolean relu) {
    if (bias == null && !relu) {
      FloatBuffer all = HostArrays.floats(m);
      for (int c = 0; c < channels; c++) {
        for (int i = 0; i < n; i++) rows.put((i * channels + c) * plane, all, (c * n + i) * plane, plane);
      }
      return;
    }
    float[] all = heap(0, (long) n * channels * plane);
    HostArrays.floats(m).get(0, all, 0, n * channels * plane);
    float[] out = heap(2, (long) n * channels * plane);
    float[] b = bias == null ? new float[channels] : bias.toFloatVector();
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < n; i++) biasRun(all, (c * n + i) * plane, out, (i * channels + c) * plane, plane, b[c], relu);
    }
    rows.put(0, out, 0, n * channels * plane);
  }

  /** dst[to + j] = src[from + j] + add, then max(·, 0) when {@code relu}, for j < length (the bits of a separate ReLU pass). */
  private static void biasRun(float[] src, int from, float[] dst, int to, int length, float add, boolean relu) {
    int upper = S.loopBound(length);
    int j = 0;
    for (; j < upper; j += S.length()) {
      FloatVector v = FloatVector.fromArray(S, src, from + j).add(add);
      (relu ? v.max(0f) : v).intoArray(dst, to + j);
    }
    for (; j < length; j++) {
      float v = src[from + j] + add;
      dst[to + j] = relu ? Math.max(v, 0f) : v;
    }
  }

  /** m[c, i·P + p] = rows[i, c·P + p]: one copy per image and channel, memory to memory. */
  private void rowsToChannelMajor(FloatBuffer rows, INDArray m, int channels, int plane, int n) {
    FloatBuffer out = HostArrays.floats(m);
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < n; i++) out.put((c * n + i) * plane, rows, (i * channels + c) * plane, plane);
    }
  }

  /**
   * {@code dOut} ({@code [n, channels·plane]} rows) in heap slot 2, zero where {@code relu} is not
   * positive when given (the bits of a separate ReLU backward pass), each channel of each image added
   * to {@code sums} as it is written.
   */
  private float[] gradientRows(FloatBuffer dOut, FloatBuffer relu, int channels, int plane, int n, double[] sums) {
    float[] d = heap(2, (long) n * channels * plane);
    dOut.get(0, d, 0, n * channels * plane);
    float[] out = relu == null ? null : heap(3, plane);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < channels; c++) {
        int from = (i * channels + c) * plane;
        if (relu != null) relu.get(from, out, 0, plane);
        sums[c] += VectorMath.maskedSum(d, from, out, plane);
      }
    }
    return d;
  }
}
