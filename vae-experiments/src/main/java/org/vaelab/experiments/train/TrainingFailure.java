package org.vaelab.experiments.train;

/** Training stopped because the numbers went bad (NaN or infinity); the run is marked FAILED. */
public final class TrainingFailure extends RuntimeException {
  public TrainingFailure(String message) {
    super(message);
  }
}
