package org.vaelab.losses.schedule;

/**
 * Config of the {@code "linear-warmup"} schedule: beta rises linearly from {@code start} to
 * {@code beta} over the warm-up, given in steps or in epochs (exactly one of them > 0).
 *
 * @param beta   final weight; >= 0
 * @param start  initial weight; in [0, beta]
 * @param steps  warm-up length in optimiser steps; >= 0
 * @param epochs warm-up length in epochs; >= 0
 */
public record LinearWarmupConfig(double beta, double start, long steps, double epochs) {
  public LinearWarmupConfig {
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be >= 0, was " + beta);
    if (!(start >= 0 && start <= beta)) throw new IllegalArgumentException("start must be in [0, beta=" + beta + "], was " + start);
    Length.check(steps, epochs, "steps", "epochs");
  }
}
