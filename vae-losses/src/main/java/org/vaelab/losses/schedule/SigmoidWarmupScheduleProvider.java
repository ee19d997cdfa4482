package org.vaelab.losses.schedule;

import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.spi.KlScheduleProvider;

/** The {@code "sigmoid"} warm-up schedule. */
public final class SigmoidWarmupScheduleProvider implements KlScheduleProvider<SigmoidWarmupConfig> {
  @Override public String id() { return "sigmoid"; }

  @Override public String description() { return "beta follows a logistic curve from 0 to beta over N steps or epochs"; }

  @Override public Class<SigmoidWarmupConfig> configType() { return SigmoidWarmupConfig.class; }

  @Override public SigmoidWarmupConfig defaultConfig() { return new SigmoidWarmupConfig(1.0, 10, 0, 10); }

  @Override
  public KlSchedule build(SigmoidWarmupConfig c) {
    double k = c.steepness();
    double low = logistic(-k / 2);
    double high = logistic(k / 2);
    return (step, stepsPerEpoch) -> {
      double progress = Math.min(1.0, step / Length.inSteps(c.steps(), c.epochs(), stepsPerEpoch));
      return c.beta() * (logistic(k * (progress - 0.5)) - low) / (high - low);
    };
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
