package org.vaelab.api.spi;

/** The weight beta of the KL term as a function of training progress. */
@FunctionalInterface
public interface KlSchedule {
  /** Beta at optimiser step {@code step} (from 0), given the number of steps per epoch. */
  double beta(long step, long stepsPerEpoch);
}
