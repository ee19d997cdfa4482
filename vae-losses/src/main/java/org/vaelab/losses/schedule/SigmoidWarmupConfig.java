package org.vaelab.losses.schedule;

/**
 * Config of the {@code "sigmoid"} warm-up: beta follows a logistic curve from 0 at the start to
 * {@code beta} at the end of the warm-up (rescaled so both ends are exact), then stays.
 *
 * @param beta      final weight; >= 0
 * @param steepness slope k of the logistic curve over the warm-up; in (0, 100]
 * @param steps     warm-up length in optimiser steps; >= 0
 * @param epochs    warm-up length in epochs; >= 0
 */
public record SigmoidWarmupConfig(double beta, double steepness, long steps, double epochs) {
  public SigmoidWarmupConfig {
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be >= 0, was " + beta);
    if (!(steepness > 0 && steepness <= 100)) {
      throw new IllegalArgumentException("steepness must be in (0, 100], was " + steepness);
    }
    Length.check(steps, epochs, "steps", "epochs");
  }
}
