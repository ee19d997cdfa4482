package org.vaelab.experiments.config;

/**
 * What a run measures beyond the test ELBO: the importance-sampled log p(x), the amortisation and
 * approximation gaps, active units, a linear probe and latent pictures.
 *
 * @param every         epochs between cheap in-training evaluations (0 = none); they use {@code k},
 *                      {@code examples} and {@code gapPoints}
 * @param k             importance samples per example during training; >= 1
 * @param examples      test examples used during training (0 = all); >= 0
 * @param gapPoints     test points of the gap estimate during training (0 = no gaps); >= 0
 * @param atEnd         run the final protocol after the last epoch
 * @param finalK        importance samples per example at the end (the literature uses 5000); >= 1
 * @param finalExamples test examples at the end (0 = all); >= 0
 * @param finalGapPoints test points of the final gap estimate (Cremer et al. use 1000; 0 = none); >= 0
 * @param gapLr         Adam step size of the per-datapoint posterior optimisation; > 0
 * @param gapMaxSteps   cap on its Adam steps; >= 100
 * @param collapseKl    a KL per example (nats) below which the posterior is reported collapsed; >= 0
 */
public record EvaluationConfig(int every, int k, int examples, int gapPoints, boolean atEnd, int finalK,
    int finalExamples, int finalGapPoints, double gapLr, int gapMaxSteps, double collapseKl) {
  public static final EvaluationConfig DEFAULT = new EvaluationConfig(0, 100, 1000, 0, true, 1000, 1000, 100, 1e-3,
      5000, 0.1);

  public EvaluationConfig {
    atLeast("every", every, 0);
    atLeast("k", k, 1);
    atLeast("examples", examples, 0);
    atLeast("gapPoints", gapPoints, 0);
    atLeast("finalK", finalK, 1);
    atLeast("finalExamples", finalExamples, 0);
    atLeast("finalGapPoints", finalGapPoints, 0);
    atLeast("gapMaxSteps", gapMaxSteps, 100);
    if (!(gapLr > 0) || Double.isInfinite(gapLr)) throw new IllegalArgumentException("gapLr must be > 0, was " + gapLr);
    if (!(collapseKl >= 0) || Double.isInfinite(collapseKl)) {
      throw new IllegalArgumentException("collapseKl must be >= 0 nats, was " + collapseKl);
    }
  }

  private static void atLeast(String field, int value, int min) {
    if (value < min) throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
  }
}
