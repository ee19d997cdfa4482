package org.vaelab.losses.schedule;

import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.spi.KlScheduleProvider;

/** The {@code "linear-warmup"} schedule. */
public final class LinearWarmupScheduleProvider implements KlScheduleProvider<LinearWarmupConfig> {
  @Override public String id() { return "linear-warmup"; }

  @Override public String description() { return "beta rises linearly from start to beta over N steps or epochs"; }

  @Override public Class<LinearWarmupConfig> configType() { return LinearWarmupConfig.class; }

  @Override public LinearWarmupConfig defaultConfig() { return new LinearWarmupConfig(1.0, 0.0, 0, 10); }

  @Override
  public KlSchedule build(LinearWarmupConfig c) {
    return (step, stepsPerEpoch) -> {
      double length = Length.inSteps(c.steps(), c.epochs(), stepsPerEpoch);
      double progress = Math.min(1.0, step / length);
      return c.start() + (c.beta() - c.start()) * progress;
    };
  }
}
