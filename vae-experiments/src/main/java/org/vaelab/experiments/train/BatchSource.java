package org.vaelab.experiments.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.Kernels;

/** Copies shuffled rows of a float matrix into a preallocated batch buffer (no allocation per step). */
public final class BatchSource {
  private final BatchBuffer buffer;
  private final long width;
  private INDArray source;

  public BatchSource(Kernels kernels, int maxBatch, long width) {
    if (kernels.dataType() != DataType.FLOAT) throw new IllegalArgumentException("training runs in float");
    this.buffer = new BatchBuffer(kernels, maxBatch, width);
    this.width = width;
  }

  /** The matrix batches are drawn from ({@code [n, width]}, float, row-major). */
  public void use(INDArray matrix) {
    source = matrix.dataType() == DataType.FLOAT && matrix.ordering() == 'c' && !matrix.isView()
        ? matrix : matrix.castTo(DataType.FLOAT).dup('c');
  }

  /** Rows {@code order[from .. from+b)} of the source, as the first b rows of the buffer. */
  public INDArray batch(int[] order, int from, int b) {
    FloatBuffer src = source.data().asNioFloat();
    INDArray out = buffer.rows(b);
    FloatBuffer dst = out.data().asNioFloat();
    int w = (int) width;
    for (int i = 0; i < b; i++) dst.put(i * w, src, order[from + i] * w, w);
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
