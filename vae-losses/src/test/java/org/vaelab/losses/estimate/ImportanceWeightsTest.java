package org.vaelab.losses.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImportanceWeightsTest {
  @Test
  void oneSampleIsItsOwnLogWeightAndTheMeanIsTakenInProbabilitySpace() {
    ImportanceWeights w = new ImportanceWeights(2);
    w.add(new double[] {-3.0, 0.5});
    assertArrayEquals(new double[] {-3.0, 0.5}, w.logMeanExp(), 1e-15);
    w.add(new double[] {-1.0, 0.5});
    assertEquals(Math.log((Math.exp(-3) + Math.exp(-1)) / 2), w.logMeanExp()[0], 1e-12);
    assertEquals(0.5, w.logMeanExp()[1], 1e-12);
  }

  @Test
  void hugeAndTinyLogWeightsDoNotOverflow() {
    ImportanceWeights w = new ImportanceWeights(1);
    w.add(new double[] {-2000});
    w.add(new double[] {1000});
    w.add(new double[] {1000});
    assertEquals(1000 + Math.log(2.0 / 3), w.logMeanExp()[0], 1e-9);
  }

  @Test
  void theSummaryIsTheMeanAndItsStandardError() {
    ImportanceWeights.Summary s = ImportanceWeights.Summary.of(new double[] {1, 2, 3, 4}, 7);
    assertEquals(2.5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(5.0 / 3 / 4), s.standardError(), 1e-12);
    assertEquals(7, s.samples());
  }
}
