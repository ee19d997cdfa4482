package org.vaelab.losses.schedule;

/**
 * Config of the {@code "constant"} schedule.
 *
 * @param beta weight of the KL term; >= 0 (1 is the ELBO)
 */
public record ConstantScheduleConfig(double beta) {
  public ConstantScheduleConfig {
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be >= 0, was " + beta);
  }
}
