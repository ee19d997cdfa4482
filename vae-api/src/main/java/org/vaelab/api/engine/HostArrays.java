package org.vaelab.api.engine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between small arrays and Java doubles without ND4J ops or native allocations, each of which
 * costs microseconds.
 */
public final class HostArrays {
  private HostArrays() {}

  private static boolean direct(INDArray a) {
    return (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)
        && (a.rank() <= 1 || a.ordering() == 'c') && (a.length() <= 1 || a.elementWiseStride() == 1);
  }

  /**
   * Whether {@code a} is a float32 row-major array whose elements are one run from the start of its
   * memory: a whole array, or a view of its leading rows. {@link #floats} can read such an array.
   */
  public static boolean contiguousFromStart(INDArray a) {
    return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && (!a.isView() || a.offset() == 0 && a.elementWiseStride() == 1);
  }

  /** The memory of a float32, row-major, contiguous array, as a buffer over it (no copy). */
  public static java.nio.FloatBuffer floats(INDArray a) {
    return new FloatPointer(a.data().addressPointer()).capacity(a.length()).asBuffer();
  }

  /** The elements of {@code a} in row-major order, in {@code dst} when it is long enough, else in a new array. */
  public static double[] read(INDArray a, double[] dst) {
    int n = (int) a.length();
    double[] out = dst != null && dst.length >= n ? dst : new double[n];
    if (!direct(a)) {
      System.arraycopy((a.rank() <= 1 ? a : a.dup('c').reshape(n)).toDoubleVector(), 0, out, 0, n);
    } else if (a.dataType() == DataType.FLOAT) {
      java.nio.FloatBuffer f = floats(a);
      for (int i = 0; i < n; i++) out[i] = f.get(i);
    } else {
      new DoublePointer(a.data().addressPointer()).capacity(n).asBuffer().get(out, 0, n);
    }
    return out;
  }

  /** Writes {@code src[0 .. a.length())} into {@code a} in row-major order. */
  public static void write(double[] src, INDArray a) {
    int n = (int) a.length();
    if (!direct(a)) {
      a.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(java.util.Arrays.copyOf(src, n)).reshape(a.shape()));
    } else if (a.dataType() == DataType.FLOAT) {
      java.nio.FloatBuffer f = floats(a);
      for (int i = 0; i < n; i++) f.put(i, (float) src[i]);
    } else {
      new DoublePointer(a.data().addressPointer()).capacity(n).asBuffer().put(src, 0, n);
    }
  }

  /** A 2-d array as {@code double[rows][cols]}, in {@code dst} when its shape fits, else in a new one. */
  public static double[][] readRows(INDArray a, double[][] dst) {
    int rows = (int) a.size(0);
    int cols = (int) a.size(1);
    double[][] out = dst != null && dst.length == rows && (rows == 0 || dst[0].length == cols) ? dst : new double[rows][cols];
    double[] flat = read(a, null);
    for (int r = 0; r < rows; r++) System.arraycopy(flat, r * cols, out[r], 0, cols);
    return out;
  }

  /** Writes {@code src[r][c]} into the 2-d array {@code a}. */
  public static void writeRows(double[][] src, INDArray a) {
    int rows = (int) a.size(0);
    int cols = (int) a.size(1);
    double[] flat = new double[rows * cols];
    for (int r = 0; r < rows; r++) System.arraycopy(src[r], 0, flat, r * cols, cols);
    write(flat, a);
  }
}
