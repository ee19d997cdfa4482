package org.vaelab.losses.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.testkit.KlScheduleContract;

class CyclicalScheduleProviderTest extends KlScheduleContract<CyclicalConfig, CyclicalScheduleProvider> {
  @Override protected CyclicalScheduleProvider provider() { return new CyclicalScheduleProvider(); }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("cycles", 0), Map.of("ratio", 0), Map.of("ratio", 1.5), Map.of("cycleSteps", 10),
        Map.of("cycleEpochs", 0), Map.of("beta", -1));
  }

  @Test
  void eachCycleRisesOverItsFirstRatioThenHoldsAndTheLastCycleHoldsForever() {
    KlSchedule s = provider().build(config(Map.of("cycles", 2, "ratio", 0.5, "cycleSteps", 100, "cycleEpochs", 0,
        "beta", 2.0)));
    double[][] expected = {{0, 0}, {25, 1}, {50, 2}, {99, 2}, {100, 0}, {125, 1}, {150, 2}, {200, 2}, {10_000, 2}};
    for (double[] e : expected) assertEquals(e[1], s.beta((long) e[0], 7), 1e-12, "step " + e[0]);
  }

  @Test
  void cycleEpochsAreConvertedWithTheStepsPerEpoch() {
    KlSchedule s = provider().build(config(Map.of("cycles", 3, "ratio", 1.0, "cycleEpochs", 2)));
    assertEquals(0.25, s.beta(25, 50), 1e-12);
    assertEquals(0.0, s.beta(100, 50), 1e-12);
  }
}
