package org.vaelab.experiments.config;

/**
 * Adam settings.
 *
 * @param lr      learning rate; > 0
 * @param beta1   first-moment decay; in [0, 1)
 * @param beta2   second-moment decay; in [0, 1)
 * @param epsilon  denominator offset; > 0
 * @param clipNorm rescale the gradient to this global L2 norm when it is larger; 0 for no clipping
 * @param normalizeGradients {@code none}, or {@code per-tensor}: each parameter tensor's gradient
 *                 divided by its L2 norm before the update (AdamNormGrad, Tomczak &amp; Welling 2018)
 */
public record OptimizerConfig(double lr, double beta1, double beta2, double epsilon, double clipNorm,
    GradientNormalization normalizeGradients) {
  public static final OptimizerConfig DEFAULT = new OptimizerConfig(1e-3, 0.9, 0.999, 1e-8, 0,
      GradientNormalization.NONE);

  /** How gradients are rescaled before Adam sees them. */
  public enum GradientNormalization { NONE, PER_TENSOR }

  public OptimizerConfig {
    if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr must be > 0, was " + lr);
    if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), was " + beta1);
    if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), was " + beta2);
    if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException("clipNorm must be >= 0 (0 = no clipping), was " + clipNorm);
    }
  }
}
