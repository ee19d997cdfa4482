package org.vaelab.api.engine;

/**
 * What training minimises, from per-sample terms. For a batch of B examples the model draws k =
 * {@link #samples()} posterior samples z_bi ~ q(z|x_b), in rows r = i·B + b, and gives the
 * objective each row's reconstruction {@code recon[r]} = log p(x_b|z_bi) and KL term {@code kl[r]}
 * = log q(z_bi|x_b) − log p(z_bi) (one-sample, reparameterised; or, for a {@link #uniform()}
 * objective with k = 1, the prior's analytic KL where it has one). The objective returns the loss,
 * averaged over examples, and ∂loss/∂recon[r] and ∂loss/∂kl[r]; the model back-propagates them.
 * A plugin may assume the arrays are exactly k·B long, finite, and that it is called once per step.
 */
public interface Objective {
  /** Posterior samples per example, k >= 1. */
  int samples();

  /**
   * Whether every row gets the same weights (∂loss/∂recon = −1/(kB), ∂loss/∂kl = β/(kB)): the
   * ELBO. The model then runs its single-sample fast path, with the analytic KL where there is one.
   */
  default boolean uniform() {
    return false;
  }

  /**
   * Returns the loss (mean over the {@code examples} examples) and writes ∂loss/∂recon[r] into
   * {@code dRecon} and ∂loss/∂kl[r] into {@code dKl}; {@code beta} is the KL schedule's weight.
   */
  double weigh(double[] recon, double[] kl, int examples, double beta, double[] dRecon, double[] dKl);

  /**
   * Whether the loss has a term that depends on the whole batch of posteriors ({@link #batchTerm}),
   * such as β-TCVAE's total correlation.
   */
  default boolean hasBatchTerm() {
    return false;
  }

  /**
   * The batch term: returns its value (added to the loss, mean over examples) and ADDS its gradient
   * w.r.t. each sample z (row r, as in {@link #weigh}), and w.r.t. each example's posterior mean
   * and log-variance, into {@code dZ}, {@code dMean} and {@code dLogVar}. Called only when
   * {@link #hasBatchTerm()} is true, after {@link #weigh}.
   */
  default double batchTerm(PosteriorBatch p, double[] dZ, double[] dMean, double[] dLogVar) {
    return 0;
  }
}
