package org.vaelab.experiments.config;

import java.util.List;

/**
 * Early stopping on a metric logged every epoch (the VampPrior / Exemplar-VAE protocol: the
 * validation ELBO, patience 50, counted once the KL warm-up is over). The best epoch's weights are
 * kept beside the last ones and the final evaluation uses them.
 *
 * @param metric    {@code none} (off), or a metric logged every epoch, higher is better:
 *                  {@code validation/elbo}, {@code validation/recon}, {@code train/epoch_elbo}
 * @param patience  epochs without improvement tolerated; training stops at the next one; > 0
 * @param countFrom the first epoch whose lack of improvement counts: {@code warmup} (the first
 *                  epoch at which the KL schedule's beta no longer changes) or an epoch number >= 1
 */
public record EarlyStoppingConfig(String metric, int patience, String countFrom) {
  public static final String OFF = "none";
  public static final String AFTER_WARMUP = "warmup";
  /** The metrics training logs every epoch, each higher-is-better. */
  public static final List<String> METRICS = List.of("validation/elbo", "validation/recon", "train/epoch_elbo");
  public static final EarlyStoppingConfig DEFAULT = new EarlyStoppingConfig(OFF, 50, AFTER_WARMUP);

  public EarlyStoppingConfig {
    if (!metric.equals(OFF) && !METRICS.contains(metric)) {
      throw new IllegalArgumentException("metric: '" + metric + "' is not a metric logged every epoch; allowed: "
          + OFF + ", " + String.join(", ", METRICS));
    }
    if (patience <= 0) throw new IllegalArgumentException("patience must be > 0 epochs, was " + patience);
    if (!countFrom.equals(AFTER_WARMUP) && !(countFrom.matches("\\d{1,9}") && Integer.parseInt(countFrom) >= 1)) {
      throw new IllegalArgumentException("countFrom must be " + AFTER_WARMUP + " or an epoch >= 1, was '"
          + countFrom + "'");
    }
  }

  public boolean enabled() { return !metric.equals(OFF); }

  public boolean needsValidation() { return metric.startsWith("validation/"); }
}
