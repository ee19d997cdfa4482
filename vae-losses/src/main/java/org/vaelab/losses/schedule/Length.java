package org.vaelab.losses.schedule;

/** A schedule length given in optimiser steps or in epochs, exactly one of them > 0. */
final class Length {
  private Length() {}

  /** Validates a (steps, epochs) pair of config fields named {@code stepsField} and {@code epochsField}. */
  static void check(long steps, double epochs, String stepsField, String epochsField) {
    if (steps < 0) throw new IllegalArgumentException(stepsField + " must be >= 0, was " + steps);
    if (!(epochs >= 0) || Double.isInfinite(epochs)) {
      throw new IllegalArgumentException(epochsField + " must be >= 0, was " + epochs);
    }
    if ((steps > 0) == (epochs > 0)) {
      throw new IllegalArgumentException(stepsField + " or " + epochsField + ": set exactly one to > 0, was "
          + stepsField + "=" + steps + ", " + epochsField + "=" + epochs);
    }
  }

  /** The length in steps. */
  static double inSteps(long steps, double epochs, long stepsPerEpoch) {
    return steps > 0 ? steps : epochs * stepsPerEpoch;
  }
}
