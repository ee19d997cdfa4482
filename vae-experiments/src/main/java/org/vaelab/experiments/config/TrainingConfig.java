package org.vaelab.experiments.config;

/**
 * How a run trains.
 *
 * @param epochs     passes over the training set; > 0
 * @param batchSize  examples per step; > 0 (the last, partial batch is trained too)
 * @param logEvery   steps between logged training metrics (averaged over them); > 0
 * @param evalEvery  epochs between test-set evaluations (the last epoch always); > 0
 * @param backend    kernel backend
 */
public record TrainingConfig(int epochs, int batchSize, int logEvery, int evalEvery, Backend backend) {
  public static final TrainingConfig DEFAULT = new TrainingConfig(10, 128, 50, 1, Backend.ND4J);

  public TrainingConfig {
    if (epochs <= 0) throw new IllegalArgumentException("epochs must be > 0, was " + epochs);
    if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
    if (logEvery <= 0) throw new IllegalArgumentException("logEvery must be > 0, was " + logEvery);
    if (evalEvery <= 0) throw new IllegalArgumentException("evalEvery must be > 0, was " + evalEvery);
  }
}
