package org.vaelab.losses.schedule;

import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.spi.KlScheduleProvider;

/** The {@code "cyclical"} schedule (Fu et al. 2019). */
public final class CyclicalScheduleProvider implements KlScheduleProvider<CyclicalConfig> {
  @Override public String id() { return "cyclical"; }

  @Override public String description() { return "M cycles of a linear rise 0 -> beta over ratio R of each cycle (Fu et al. 2019)"; }

  @Override public Class<CyclicalConfig> configType() { return CyclicalConfig.class; }

  @Override public CyclicalConfig defaultConfig() { return new CyclicalConfig(1.0, 4, 0.5, 0, 2); }

  @Override
  public KlSchedule build(CyclicalConfig c) {
    return (step, stepsPerEpoch) -> {
      double cycle = Length.inSteps(c.cycleSteps(), c.cycleEpochs(), stepsPerEpoch);
      if (step >= cycle * c.cycles()) return c.beta();
      double within = (step % cycle) / cycle;
      return c.beta() * Math.min(1.0, within / c.ratio());
    };
  }
}
