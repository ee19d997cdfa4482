package org.vaelab.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaelab.experiments.config.EarlyStoppingConfig;
import org.vaelab.experiments.model.StoppingState;

class EarlyStoppingCountTest {
  @Test
  void countsLikeTheReferenceCodeBeforeAndAfterCountFrom() {
    EarlyStopping s = new EarlyStopping(new EarlyStoppingConfig("validation/elbo", 2, "4"), 4, null);
    assertTrue(s.observe(1, -10));
    assertFalse(s.observe(2, -11));
    assertFalse(s.observe(3, -12));
    assertEquals(0, s.state().bad(), "no count before epoch 4");
    assertFalse(s.observe(4, -11));
    assertFalse(s.observe(5, -11));
    assertFalse(s.stop(), "two bad epochs are within patience 2");
    assertTrue(s.observe(6, -9.5), "a new best resets the count");
    assertEquals(0, s.state().bad());
    s.observe(7, -10);
    s.observe(8, -10);
    assertFalse(s.stop());
    s.observe(9, -10);
    assertTrue(s.stop(), "the third epoch without improvement stops");
    assertEquals(new StoppingState(-9.5, 6, 3, true), s.state());
  }

  @Test
  void resumesFromASavedState() {
    var saved = new StoppingState(-5, 3, 2, false);
    EarlyStopping s = new EarlyStopping(new EarlyStoppingConfig("validation/elbo", 2, "1"), 1, saved);
    s.observe(6, -6);
    assertTrue(s.stop());
  }

  @Test
  void warmupEndsAtTheFirstEpochWhoseBetaNoLongerChanges() {
    org.vaelab.api.spi.KlSchedule linear = (step, perEpoch) -> Math.min(1.0, step / (100.0 * perEpoch));
    assertEquals(101, EarlyStopping.firstEpochAfterWarmup(linear, 2000, 500));
    assertEquals(1, EarlyStopping.firstEpochAfterWarmup((step, perEpoch) -> 1.0, 10, 7));
  }
}
