package org.vaelab.experiments.config;

/**
 * How a run trains.
 *
 * @param epochs     passes over the training set; > 0
 * @param batchSize  examples per step; > 0 (the last, partial batch is trained too)
 * @param logEvery   steps between logged training metrics (averaged over them); > 0
 * @param evalEvery  epochs between test-set evaluations (the last epoch always); > 0
 * @param backend    kernel backend: auto (cpu-vector on a CPU, else nd4j), cpu-vector or nd4j
 * @param freeBits   free bits (Kingma et al. 2016): a floor in nats on the batch-averaged KL, below
 *                   which the KL gradient is dropped; 0 turns it off; >= 0
 * @param freeBitsPer what the floor applies to: each latent {@code dimension} (priors whose KL
 *                   splits over dimensions), or the {@code total} KL (any prior)
 * @param validation  a validation set held out of the training set (none by default)
 * @param earlyStopping when to stop before {@code epochs} (off by default)
 */
public record TrainingConfig(int epochs, int batchSize, int logEvery, int evalEvery, Backend backend, double freeBits,
    FreeBitsGroup freeBitsPer, ValidationConfig validation, EarlyStoppingConfig earlyStopping) {
  public static final TrainingConfig DEFAULT = new TrainingConfig(10, 128, 50, 1, Backend.AUTO, 0.0,
      FreeBitsGroup.DIMENSION, ValidationConfig.NONE, EarlyStoppingConfig.DEFAULT);

  /** The groups of latent dimensions a free-bits floor applies to. */
  public enum FreeBitsGroup { DIMENSION, TOTAL }

  public TrainingConfig {
    if (epochs <= 0) throw new IllegalArgumentException("epochs must be > 0, was " + epochs);
    if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
    if (logEvery <= 0) throw new IllegalArgumentException("logEvery must be > 0, was " + logEvery);
    if (evalEvery <= 0) throw new IllegalArgumentException("evalEvery must be > 0, was " + evalEvery);
    if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
      throw new IllegalArgumentException("freeBits must be >= 0 nats, was " + freeBits);
    }
    if (earlyStopping.needsValidation() && validation.size() == 0) {
      throw new IllegalArgumentException("earlyStopping.metric: " + earlyStopping.metric()
          + " needs a validation set; set training.validation.size > 0");
    }
  }
}
