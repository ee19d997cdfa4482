package org.vaelab.losses.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.testkit.KlScheduleContract;

class SigmoidWarmupScheduleProviderTest extends KlScheduleContract<SigmoidWarmupConfig, SigmoidWarmupScheduleProvider> {
  @Override protected SigmoidWarmupScheduleProvider provider() { return new SigmoidWarmupScheduleProvider(); }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("steepness", 0), Map.of("steps", 10), Map.of("epochs", -1), Map.of("beta", Double.NaN));
  }

  @Test
  void startsAtZeroEndsAtBetaIsSymmetricAndMonotone() {
    KlSchedule s = provider().build(config(Map.of("steps", 200, "epochs", 0, "beta", 0.5, "steepness", 8)));
    assertEquals(0.0, s.beta(0, 10), 1e-12);
    assertEquals(0.25, s.beta(100, 10), 1e-12);
    assertEquals(0.5, s.beta(200, 10), 1e-12);
    assertEquals(0.5, s.beta(5_000, 10), 1e-12);
    for (long t = 1; t <= 200; t++) assertTrue(s.beta(t, 10) > s.beta(t - 1, 10), "rises at step " + t);
    for (long t = 0; t <= 100; t++) {
      assertEquals(0.5, s.beta(100 + t, 10) + s.beta(100 - t, 10), 1e-12, "point-symmetric about the midpoint, step " + t);
    }
    assertTrue(s.beta(20, 10) < 0.5 * 20 / 200.0, "slower than linear at the start");
  }
}
