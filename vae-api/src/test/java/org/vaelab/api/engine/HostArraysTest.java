package org.vaelab.api.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HostArraysTest {
  @Test
  void readsAndWritesRowViewsOfFloatAndDoubleArraysInPlace() {
    for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray whole = Nd4j.arange(12).castTo(t).reshape(4, 3);
      INDArray rows = whole.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());  // offset 3
      double[] buffer = new double[10];
      assertSame(buffer, HostArrays.read(rows, buffer));
      assertArrayEquals(new double[] {3, 4, 5, 6, 7, 8}, java.util.Arrays.copyOf(buffer, 6), t.toString());
      HostArrays.write(new double[] {-1, -2, -3, -4, -5, -6}, rows);
      assertArrayEquals(new double[] {0, 1, 2, -1, -2, -3, -4, -5, -6, 9, 10, 11}, whole.reshape(12).toDoubleVector());
    }
  }

  @Test
  void aStridedViewIsCopiedThroughNd4j() {
    INDArray whole = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(4, 3);
    INDArray column = whole.get(NDArrayIndex.all(), NDArrayIndex.point(1));
    assertArrayEquals(new double[] {1, 4, 7, 10}, HostArrays.read(column, null));
    HostArrays.write(new double[] {0, 0, 0, 0}, column);
    assertArrayEquals(new double[] {0, 0, 2, 3, 0, 5, 6, 0, 8, 9, 0, 11}, whole.reshape(12).toDoubleVector());
  }

  @Test
  void matricesRoundTripAsRowsAndMatchNd4jsOwnConversion() {
    INDArray whole = Nd4j.rand(DataType.FLOAT, 5, 3);
    INDArray rows = whole.get(NDArrayIndex.interval(1, 4), NDArrayIndex.all());
    double[][] buffer = new double[3][3];
    assertSame(buffer, HostArrays.readRows(rows, buffer));
    for (int r = 0; r < 3; r++) assertArrayEquals(rows.toDoubleMatrix()[r], buffer[r], 0.0);
    double[][] values = {{0.1, 0.2, 0.3}, {1e-40, -2, 3}, {4, 5, 6}};
    HostArrays.writeRows(values, rows);
    INDArray expected = Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    assertArrayEquals(expected.data().asFloat(), rows.dup().data().asFloat(), 0f, "the same double-to-float rounding");
    double[][] wrongShape = new double[2][3];
    assertNotSame(wrongShape, HostArrays.readRows(rows, wrongShape));
  }
}
