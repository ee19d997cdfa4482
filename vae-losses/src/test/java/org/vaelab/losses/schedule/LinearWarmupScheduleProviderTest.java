package org.vaelab.losses.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.testkit.KlScheduleContract;

class LinearWarmupScheduleProviderTest extends KlScheduleContract<LinearWarmupConfig, LinearWarmupScheduleProvider> {
  @Override protected LinearWarmupScheduleProvider provider() { return new LinearWarmupScheduleProvider(); }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("steps", -1), Map.of("steps", 100, "epochs", 2), Map.of("start", 2.0), Map.of("beta", -1));
  }

  @Test
  void risesLinearlyOverStepsThenStays() {
    KlSchedule s = provider().build(config(Map.of("steps", 100, "epochs", 0, "start", 0.2)));
    assertEquals(0.2, s.beta(0, 10), 1e-12);
    assertEquals(0.6, s.beta(50, 10), 1e-12);
    assertEquals(1.0, s.beta(100, 10), 1e-12);
    assertEquals(1.0, s.beta(10_000, 10), 1e-12);
  }

  @Test
  void epochsAreConvertedWithTheStepsPerEpoch() {
    KlSchedule s = provider().build(config(Map.of("epochs", 2)));
    assertEquals(0.5, s.beta(50, 50), 1e-12);
  }
}
