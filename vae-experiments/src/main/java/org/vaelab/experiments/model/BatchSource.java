package org.vaelab.experiments.model;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;

/**
 * Copies shuffled rows of a float matrix into a preallocated batch buffer, optionally sampling each
 * value as Bernoulli(value) on the way (dynamic binarisation): no allocation per step or epoch.
 */
public final class BatchSource {
  private static final float TWO_TO_MINUS_24 = 1f / (1 << 24);
  private final BatchBuffer buffer;
  private final long width;
  private INDArray source;
  private FloatBuffer sourceFloats;
  private final float[] rowIn;
  private final float[] rowOut;

  public BatchSource(Kernels kernels, int maxBatch, long width) {
    if (kernels.dataType() != DataType.FLOAT) throw new IllegalArgumentException("training runs in float");
    this.buffer = new BatchBuffer(kernels, maxBatch, width);
    this.width = width;
    this.rowIn = new float[(int) width];
    this.rowOut = new float[(int) width];
  }

  /** The matrix batches are drawn from ({@code [n, width]}, float, row-major); copied once when it is not. */
  public void use(INDArray matrix) {
    if (matrix == source) return;
    source = HostArrays.contiguousFromStart(matrix) ? matrix : matrix.castTo(DataType.FLOAT).dup('c');
    sourceFloats = HostArrays.floats(source);
  }

  /** Rows {@code order[from .. from+b)} of the source, as the first b rows of the buffer. */
  public INDArray batch(int[] order, int from, int b) {
    INDArray out = buffer.rows(b);
    FloatBuffer dst = HostArrays.floats(out);
    int w = (int) width;
    for (int i = 0; i < b; i++) dst.put(i * w, sourceFloats, order[from + i] * w, w);
    return out;
  }

  /**
   * As {@link #batch}, each value x replaced by 1 with probability x (else 0), drawn from a generator
   * seeded with {@code seed}: a batch's values depend on its seed alone, so a resumed run draws the same.
   */
  public INDArray binarizedBatch(int[] order, int from, int b, long seed) {
    INDArray out = buffer.rows(b);
    FloatBuffer dst = HostArrays.floats(out);
    SplittableRandom rng = new SplittableRandom(seed);
    int w = (int) width;
    // row by row through heap copies: element-wise access to the direct buffers cost 11% of a protocol step
    for (int i = 0; i < b; i++) {
      sourceFloats.get(order[from + i] * w, rowIn, 0, w);
      for (int j = 0; j < w; j++) {
        float u = (rng.nextInt() >>> 8) * TWO_TO_MINUS_24;  // uniform on [0, 1) in 24-bit steps
        rowOut[j] = u < rowIn[j] ? 1f : 0f;
      }
      dst.put(i * w, rowOut, 0, w);
    }
    return out;
  }

  /** A seeded random permutation of 0..n-1 (Fisher–Yates): the order of one epoch. */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    java.util.Random r = new java.util.Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }
}
