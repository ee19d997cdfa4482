package org.vaelab.experiments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Nd4jKernels;

class BatchSourceTest {
  private static final int ROWS = 50;
  private static final int WIDTH = 400;

  /** Row i has every value equal to i / (ROWS - 1): 0 in the first row, 1 in the last. */
  private static BatchSource source() {
    INDArray x = Nd4j.create(DataType.FLOAT, ROWS, WIDTH);
    for (int i = 0; i < ROWS; i++) x.getRow(i).assign(i / (double) (ROWS - 1));
    BatchSource s = new BatchSource(new Nd4jKernels(DataType.FLOAT), ROWS, WIDTH);
    s.use(x);
    return s;
  }

  private static int[] identity() {
    int[] o = new int[ROWS];
    for (int i = 0; i < ROWS; i++) o[i] = i;
    return o;
  }

  @Test
  void dynamicBinarisationDrawsBernoulliOfEachValueReproduciblyFromTheSeed() {
    BatchSource s = source();
    INDArray a = s.binarizedBatch(identity(), 0, ROWS, 42).dup();
    INDArray b = s.binarizedBatch(identity(), 0, ROWS, 42).dup();
    INDArray c = s.binarizedBatch(identity(), 0, ROWS, 43).dup();
    assertEquals(a, b, "same seed, same values");
    assertNotEquals(a, c, "another seed, other values");
    assertEquals(0, a.getRow(0).sumNumber().doubleValue(), "p = 0 never gives 1");
    assertEquals(WIDTH, a.getRow(ROWS - 1).sumNumber().doubleValue(), "p = 1 always gives 1");
    for (int i = 0; i < ROWS; i++) {
      INDArray row = a.getRow(i);
      assertEquals(row.sumNumber().doubleValue(), row.mul(row).sumNumber().doubleValue(), "values are 0 or 1");
      double p = i / (double) (ROWS - 1);
      double sd = Math.sqrt(p * (1 - p) / WIDTH);
      assertEquals(p, row.meanNumber().doubleValue(), 5 * sd + 1e-9, "row " + i);
    }
  }

  @Test
  void batchesFollowTheOrderAndAPartialBatchUsesTheFirstRows() {
    BatchSource s = source();
    int[] order = identity();
    for (int i = 0; i < ROWS / 2; i++) {
      int t = order[i];
      order[i] = order[ROWS - 1 - i];
      order[ROWS - 1 - i] = t;
    }
    INDArray b = s.batch(order, 45, 5);
    assertEquals(5, b.size(0));
    assertEquals(4 / (double) (ROWS - 1), b.getDouble(0, 0), 1e-6);
    assertEquals(0, b.getRow(4).sumNumber().doubleValue(), 1e-6);
    assertTrue(s.binarizedBatch(order, 0, 1, 7).sumNumber().doubleValue() == WIDTH, "row 49 is all ones");
  }
}
