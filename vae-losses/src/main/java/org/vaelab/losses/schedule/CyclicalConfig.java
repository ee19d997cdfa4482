package org.vaelab.losses.schedule;

/**
 * Config of the {@code "cyclical"} schedule (Fu et al. 2019, "Cyclical Annealing Schedule"): the
 * training is split into {@code cycles} cycles; in each, beta rises linearly from 0 to {@code beta}
 * over the first {@code ratio} of the cycle and then stays there. After the last cycle beta stays
 * at {@code beta}. The cycle length is given in steps or epochs (exactly one > 0).
 *
 * @param beta        weight reached in each cycle; >= 0
 * @param cycles      number of cycles M; >= 1
 * @param ratio       fraction R of a cycle spent increasing; in (0, 1]
 * @param cycleSteps  length of one cycle in optimiser steps; >= 0
 * @param cycleEpochs length of one cycle in epochs; >= 0
 */
public record CyclicalConfig(double beta, int cycles, double ratio, long cycleSteps, double cycleEpochs) {
  public CyclicalConfig {
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be >= 0, was " + beta);
    if (cycles < 1) throw new IllegalArgumentException("cycles must be >= 1, was " + cycles);
    if (!(ratio > 0 && ratio <= 1)) throw new IllegalArgumentException("ratio must be in (0, 1], was " + ratio);
    Length.check(cycleSteps, cycleEpochs, "cycleSteps", "cycleEpochs");
  }
}
