package org.vaelab.losses.schedule;

import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.spi.KlScheduleProvider;

/** The {@code "constant"} schedule: beta never changes. */
public final class ConstantScheduleProvider implements KlScheduleProvider<ConstantScheduleConfig> {
  @Override public String id() { return "constant"; }

  @Override public String description() { return "constant KL weight beta"; }

  @Override public Class<ConstantScheduleConfig> configType() { return ConstantScheduleConfig.class; }

  @Override public ConstantScheduleConfig defaultConfig() { return new ConstantScheduleConfig(1.0); }

  @Override
  public KlSchedule build(ConstantScheduleConfig c) {
    double beta = c.beta();
    return (step, stepsPerEpoch) -> beta;
  }
}
