package org.vaelab.experiments.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.experiments.config.ValidationConfig;

class DataSplitTest {
  /** 20 rows; row i holds the value i / 100 in every column, label i. */
  private static Dataset data(Binarization b) {
    INDArray x = Nd4j.create(DataType.FLOAT, 20, 3);
    int[] labels = new int[20];
    for (int i = 0; i < 20; i++) {
      x.getRow(i).assign(i / 100.0);
      labels[i] = i;
    }
    return new Dataset("d", "src", x, labels, x.dup(), labels.clone(), null, b);
  }

  private static Set<Integer> rowIds(INDArray x) {
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < x.size(0); i++) ids.add((int) Math.round(x.getDouble(i, 0) * 100));
    return ids;
  }

  @Test
  void theLastSplitHoldsOutTheLastExamplesWithTheirLabels() {
    DataSplit s = DataSplit.of(data(Binarization.NONE), new ValidationConfig(5, ValidationConfig.Split.LAST), 0);
    assertEquals(15, s.data().trainX().size(0));
    assertEquals(Set.of(15, 16, 17, 18, 19), rowIds(s.validationX()));
    assertEquals(14, s.data().trainLabels()[14]);
    assertEquals(0.14, s.data().trainX().getDouble(14, 2), 1e-6);
    assertTrue(s.data().source().contains("validation: 5 last"), s.data().source());
  }

  /** The last split keeps the leading rows where they are (a copy of 50k images was the protocol's peak memory). */
  @Test
  void theLastSplitTrainsOnTheLoadedRowsWithoutACopyAndBatchesReadThem() {
    Dataset d = data(Binarization.NONE);
    DataSplit s = DataSplit.of(d, new ValidationConfig(5, ValidationConfig.Split.LAST), 0);
    d.trainX().putScalar(3, 1, 0.5);  // seen through the split: the same memory
    assertEquals(0.5, s.data().trainX().getDouble(3, 1), 1e-6);
    BatchSource batches = new BatchSource(new org.vaelab.api.engine.Nd4jKernels(DataType.FLOAT), 4, 3);
    batches.use(s.data().trainX());
    d.trainX().putScalar(7, 0, 0.25);  // after use(): the batches read the rows in place, not a copy
    INDArray b = batches.batch(new int[] {14, 3, 0, 7}, 0, 4);
    assertEquals(0.14, b.getDouble(0, 2), 1e-6);
    assertEquals(0.5, b.getDouble(1, 1), 1e-6);
    assertEquals(0.25, b.getDouble(3, 0), 1e-6);
  }

  @Test
  void aRandomSplitIsDisjointCompleteAndSeeded() {
    ValidationConfig v = new ValidationConfig(6, ValidationConfig.Split.RANDOM);
    DataSplit a = DataSplit.of(data(Binarization.NONE), v, 1);
    Set<Integer> train = rowIds(a.data().trainX());
    Set<Integer> valid = rowIds(a.validationX());
    assertEquals(14, train.size());
    assertEquals(6, valid.size());
    train.retainAll(valid);
    assertTrue(train.isEmpty(), "disjoint");
    assertEquals(valid, rowIds(DataSplit.of(data(Binarization.NONE), v, 1).validationX()), "same seed, same split");
    assertNotEquals(valid, rowIds(DataSplit.of(data(Binarization.NONE), v, 2).validationX()), "another seed");
    int[] labels = a.data().trainLabels();
    for (int i = 0; i < labels.length; i++) {
      assertEquals(labels[i] / 100.0, a.data().trainX().getDouble(i, 0), 1e-6, "labels follow their rows");
    }
  }

  @Test
  void underDynamicBinarisationTheValidationSetIsBinarisedOnceWithAFixedSeed() {
    ValidationConfig v = new ValidationConfig(10, ValidationConfig.Split.LAST);
    INDArray a = DataSplit.of(data(Binarization.DYNAMIC), v, 1).validationX();
    INDArray b = DataSplit.of(data(Binarization.DYNAMIC), v, 2).validationX();
    assertEquals(a.sumNumber().doubleValue(), a.mul(a).sumNumber().doubleValue(), "0 or 1");
    assertArrayEquals(a.toFloatMatrix(), b.toFloatMatrix(), "independent of the run seed");
  }

  @Test
  void aValidationSetAsLargeAsTheTrainingSetIsRefused() {
    var e = assertThrows(ConfigException.class,
        () -> DataSplit.of(data(Binarization.NONE), new ValidationConfig(20, ValidationConfig.Split.LAST), 0));
    assertEquals("training.validation.size: 20 must be smaller than the training set (20 examples of d)", e.getMessage());
  }
}
