package org.vaelab.experiments.backend;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.ConvGeometry;
import org.vaelab.api.engine.HostArrays;

/**
 * A convolution whose image side has one channel (a grey image's first convolution, the last
 * transposed one), image by image in vector loops. Each image is read as its tap planes, one row
 * per kernel tap of the grid's values under it; the C-channel side is then a sum over taps, and the
 * image a scatter of per-tap sums over channels. The unrolled product's one-channel patches are runs
 * of a few floats and its products have a kernel-sized inner dimension: copies cost more than FLOPs.
 */
final class PlaneConvolution implements HalfConvolution {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final float[] NO_BIAS = new float[4];

  /**
   * The grid (the C-channel side) and where each tap of each grid point lies in the image; taps and
   * channels also rounded up to fours (zero weights), the grid to pairs of vectors.
   */
  private record Taps(int taps, int taps4, int grid, int padded, int plane, int channels, int channels4, int[] pixel) {
    static Taps of(ConvGeometry g) {
      boolean t = g.transposed();
      int h = t ? g.outHeight() : g.inHeight(), w = t ? g.outWidth() : g.inWidth();
      int gridH = t ? g.inHeight() : g.outHeight(), gridW = t ? g.inWidth() : g.outWidth();
      int k = g.kernel(), grid = gridH * gridW, padded = (grid + 2 * L - 1) / (2 * L) * (2 * L), plane = h * w, taps4 = (k * k + 3) / 4 * 4;
      int channels = t ? g.inChannels() : g.outChannels();
      int[] pixel = new int[taps4 * padded];
      Arrays.fill(pixel, plane);  // the image's zero slot: outside the image, or past the grid
      for (int tap = 0; tap < k * k; tap++) {
        for (int gy = 0; gy < gridH; gy++) {
          for (int gx = 0; gx < gridW; gx++) {
            int y = gy * g.stride() - g.padding() + tap / k, x = gx * g.stride() - g.padding() + tap % k;
            if (y >= 0 && y < h && x >= 0 && x < w) pixel[tap * padded + gy * gridW + gx] = y * w + x;
          }
        }
      }
      return new Taps(k * k, taps4, grid, padded, plane, channels, (channels + 3) / 4 * 4, pixel);
    }
  }

  private final Map<ConvGeometry, Taps> geometry = new HashMap<>();
  private float[] image = new float[0], tapPlanes = new float[0], side = new float[0], mask = new float[0],
      weights = new float[0], sums = new float[0];

  private Taps taps(ConvGeometry g) {
    Taps t = geometry.computeIfAbsent(g, Taps::of);
    if (image.length < t.plane + 1) image = new float[t.plane + 1];
    if (tapPlanes.length < t.taps4 * t.padded) tapPlanes = new float[t.taps4 * t.padded];
    if (side.length < t.channels4 * t.padded) side = new float[t.channels4 * t.padded];
    if (mask.length < Math.max(t.padded, t.plane)) mask = new float[Math.max(t.padded, t.plane)];
    if (weights.length < t.taps4 * t.channels4) weights = new float[t.taps4 * t.channels4];
    if (sums.length < t.taps4 * t.channels4 * L) sums = new float[t.taps4 * t.channels4 * L];
    return t;
  }

  /**
   * The weights as {@code [tap][C]} (both layouts, {@code [k, k, in, out]} and {@code [k, k, out, in]},
   * with the image side's 1), padded with zeros to {@code [taps4][channels4]}.
   */
  private float[] weights(INDArray w, Taps t) {
    Arrays.fill(weights, 0f);
    FloatBuffer all = HostArrays.floats(w);
    for (int tap = 0; tap < t.taps; tap++) all.get(tap * t.channels, weights, tap * t.channels4, t.channels);
    return weights;
  }

  @Override
  public void forward(FloatBuffer in, int n, INDArray w, INDArray b, FloatBuffer out, ConvGeometry g, boolean relu,
      boolean keep) {
    Taps t = taps(g);
    float[] wt = weights(w, t);
    float[] bias = new float[t.channels4];
    if (b != null) HostArrays.floats(b).get(0, bias, 0, (int) b.length());
    for (int i = 0; i < n; i++) {
      if (!g.transposed()) {
        in.get(i * t.plane, image, 0, t.plane);
        readTaps(t);
        sumTaps(t, wt, bias, relu);
        writeSide(out, i, t);
      } else {
        readSide(in, i, t);
        scatterChannels(t, wt, bias[0], relu);
        out.put(i * t.plane, image, 0, t.plane);
      }
    }
  }

  @Override
  public double[] backward(FloatBuffer in, int n, INDArray w, FloatBuffer relu, FloatBuffer dOut, FloatBuffer dIn,
      INDArray dW, ConvGeometry g, boolean kept) {
    Taps t = taps(g);
    float[] wt = weights(w, t);
    double[] channelSums = new double[g.outChannels()];
    float[] noBias = new float[t.channels4];
    Arrays.fill(sums, 0f);
    for (int i = 0; i < n; i++) {
      readGradient(dOut, relu, i, t, g.transposed(), channelSums);
      if (!g.transposed()) {
        in.get(i * t.plane, image, 0, t.plane);
        readTaps(t);
        addWeightGradient(t);
        if (dIn != null) {
          scatterChannels(t, wt, 0f, false);
          dIn.put(i * t.plane, image, 0, t.plane);
        }
      } else {
        readTaps(t);
        readSide(in, i, t);
        addWeightGradient(t);
        if (dIn != null) {
          sumTaps(t, wt, noBias, false);
          writeSide(dIn, i, t);
        }
      }
    }
    float[] gradient = new float[t.taps * t.channels];
    for (int tap = 0; tap < t.taps; tap++) {
      for (int c = 0; c < t.channels; c++) {
        double s = 0;
        for (int lane = 0; lane < L; lane++) s += sums[(tap * t.channels4 + c) * L + lane];
        gradient[tap * t.channels + c] = (float) s;
      }
    }
    HostArrays.floats(dW).put(0, gradient);
    return channelSums;
  }

  /**
   * Image {@code i}'s output gradient into {@link #image} (transposed) or {@link #side}, zero where
   * {@code relu} (the ReLU's output) is not positive when given, each channel added to {@code sums}.
   */
  private void readGradient(FloatBuffer dOut, FloatBuffer relu, int i, Taps t, boolean transposed, double[] sums) {
    if (transposed) {
      dOut.get(i * t.plane, image, 0, t.plane);
      if (relu != null) relu.get(i * t.plane, mask, 0, t.plane);
      sums[0] += VectorMath.maskedSum(image, 0, relu == null ? null : mask, t.plane);
      return;
    }
    for (int c = 0; c < t.channels; c++) {
      int row = (i * t.channels + c) * t.grid;
      dOut.get(row, side, c * t.padded, t.grid);
      Arrays.fill(side, c * t.padded + t.grid, (c + 1) * t.padded, 0f);
      if (relu != null) relu.get(row, mask, 0, t.grid);  // past the grid d is 0 whatever the mask
      sums[c] += VectorMath.maskedSum(side, c * t.padded, relu == null ? null : mask, t.padded);
    }
  }

  /** Image {@code i}'s C-channel side from its row into {@link #side}, each channel's grid padded with zeros to a whole vector. */
  private void readSide(FloatBuffer rows, int i, Taps t) {
    for (int c = 0; c < t.channels; c++) {
      rows.get((i * t.channels + c) * t.grid, side, c * t.padded, t.grid);
      Arrays.fill(side, c * t.padded + t.grid, (c + 1) * t.padded, 0f);
    }
  }

  /** {@link #side} into image {@code i}'s row. */
  private void writeSide(FloatBuffer rows, int i, Taps t) {
    for (int c = 0; c < t.channels; c++) rows.put((i * t.channels + c) * t.grid, side, c * t.padded, t.grid);
  }

  /** tapPlanes[tap, p] = image[pixel of tap at grid point p], 0 outside the image and past the grid. */
  private void readTaps(Taps t) {
    image[t.plane] = 0f;
    for (int j = 0; j < t.taps4 * t.padded; j += L) FloatVector.fromArray(S, image, 0, t.pixel, j).intoArray(tapPlanes, j);
  }

  /** side[c, p] = bias[c] + Σ_tap w[tap, c]·tapPlanes[tap, p], through a ReLU when {@code relu}: four channels at a time. */
  private void sumTaps(Taps t, float[] w, float[] bias, boolean relu) {
    for (int c = 0; c < t.channels4; c += 4) {
      weightedRows(tapPlanes, t.taps, t.padded, w, c, t.channels4, 1, bias, c, relu, side, c * t.padded);
    }
  }

  /**
   * dst[dstAt + j·stride + p] = init[initAt + j] + Σ_k w[wAt + k·kStep + j·jStep]·src[k·stride + p] for j < 4
   * and p < stride, through a ReLU when {@code relu}: four outputs by two vectors of p at a time, eight
   * independent sums (one would wait on each fma's latency). The vectors stay in this method: passed to
   * another one not inlined, they would be boxed.
   */
  private static void weightedRows(float[] src, int rows, int stride, float[] w, int wAt, int kStep, int jStep,
      float[] init, int initAt, boolean relu, float[] dst, int dstAt) {
    for (int p = 0; p < stride; p += 2 * L) {
      FloatVector a0 = FloatVector.broadcast(S, init[initAt]), a1 = FloatVector.broadcast(S, init[initAt + 1]);
      FloatVector a2 = FloatVector.broadcast(S, init[initAt + 2]), a3 = FloatVector.broadcast(S, init[initAt + 3]);
      FloatVector b0 = a0, b1 = a1, b2 = a2, b3 = a3;
      for (int k = 0; k < rows; k++) {
        FloatVector u = FloatVector.fromArray(S, src, k * stride + p);
        FloatVector v = FloatVector.fromArray(S, src, k * stride + p + L);
        int at = wAt + k * kStep;
        FloatVector w0 = FloatVector.broadcast(S, w[at]), w1 = FloatVector.broadcast(S, w[at + jStep]);
        FloatVector w2 = FloatVector.broadcast(S, w[at + 2 * jStep]), w3 = FloatVector.broadcast(S, w[at + 3 * jStep]);
        a0 = u.fma(w0, a0);
        a1 = u.fma(w1, a1);
        a2 = u.fma(w2, a2);
        a3 = u.fma(w3, a3);
        b0 = v.fma(w0, b0);
        b1 = v.fma(w1, b1);
        b2 = v.fma(w2, b2);
        b3 = v.fma(w3, b3);
      }
      if (relu) {
        a0 = a0.max(0f);
        a1 = a1.max(0f);
        a2 = a2.max(0f);
        a3 = a3.max(0f);
        b0 = b0.max(0f);
        b1 = b1.max(0f);
        b2 = b2.max(0f);
        b3 = b3.max(0f);
      }
      int at = dstAt + p;
      a0.intoArray(dst, at);
      b0.intoArray(dst, at + L);
      a1.intoArray(dst, at + stride);
      b1.intoArray(dst, at + stride + L);
      a2.intoArray(dst, at + 2 * stride);
      b2.intoArray(dst, at + 2 * stride + L);
      a3.intoArray(dst, at + 3 * stride);
      b3.intoArray(dst, at + 3 * stride + L);
    }
  }

  /**
   * image = bias + Σ_tap the tap's plane Σ_c w[tap, c]·side[c], each added at its tap's pixels, through
   * a ReLU when {@code relu}. The planes four taps at a time, as in {@link #sumTaps}.
   */
  private void scatterChannels(Taps t, float[] w, float bias, boolean relu) {
    for (int tap = 0; tap < t.taps4; tap += 4) {
      weightedRows(side, t.channels, t.padded, w, tap * t.channels4, 1, t.channels4, NO_BIAS, 0, false, tapPlanes, tap * t.padded);
    }
    Arrays.fill(image, 0, t.plane, bias);
    for (int j = 0; j < t.taps * t.padded; j++) {
      int at = t.pixel[j];
      if (at < t.plane) image[at] += tapPlanes[j];
    }
    if (relu) {
      for (int j = 0; j < t.plane; j++) image[j] = Math.max(image[j], 0f);
    }
  }

  /**
   * sums[tap, c, lane] += Σ_p tapPlanes[tap, p]·side[c, p], lane by lane (the weight gradient's partial
   * sums); four taps by two channels at a time, as in {@link #sumTaps}.
   */
  private void addWeightGradient(Taps t) {
    int cw = t.channels4;
    for (int c = 0; c < cw; c += 2) {
      for (int tap = 0; tap < t.taps4; tap += 4) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int p = 0; p < t.padded; p += L) {
          FloatVector d = FloatVector.fromArray(S, side, c * t.padded + p);
          FloatVector e = FloatVector.fromArray(S, side, (c + 1) * t.padded + p);
          int at = tap * t.padded + p;
          FloatVector t0 = FloatVector.fromArray(S, tapPlanes, at), t1 = FloatVector.fromArray(S, tapPlanes, at + t.padded);
          FloatVector t2 = FloatVector.fromArray(S, tapPlanes, at + 2 * t.padded), t3 = FloatVector.fromArray(S, tapPlanes, at + 3 * t.padded);
          a0 = t0.fma(d, a0);
          a1 = t1.fma(d, a1);
          a2 = t2.fma(d, a2);
          a3 = t3.fma(d, a3);
          b0 = t0.fma(e, b0);
          b1 = t1.fma(e, b1);
          b2 = t2.fma(e, b2);
          b3 = t3.fma(e, b3);
        }
        int at = (tap * cw + c) * L, row = cw * L;  // vectors passed to a method not inlined would be boxed
        FloatVector.fromArray(S, sums, at).add(a0).intoArray(sums, at);
        FloatVector.fromArray(S, sums, at + L).add(b0).intoArray(sums, at + L);
        FloatVector.fromArray(S, sums, at + row).add(a1).intoArray(sums, at + row);
        FloatVector.fromArray(S, sums, at + row + L).add(b1).intoArray(sums, at + row + L);
        FloatVector.fromArray(S, sums, at + 2 * row).add(a2).intoArray(sums, at + 2 * row);
        FloatVector.fromArray(S, sums, at + 2 * row + L).add(b2).intoArray(sums, at + 2 * row + L);
        FloatVector.fromArray(S, sums, at + 3 * row).add(a3).intoArray(sums, at + 3 * row);
        FloatVector.fromArray(S, sums, at + 3 * row + L).add(b3).intoArray(sums, at + 3 * row + L);
      }
    }
  }
}
