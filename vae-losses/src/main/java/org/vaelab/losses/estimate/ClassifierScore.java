package org.vaelab.losses.estimate;

/**
 * The classifier-based score of a set of samples (the Inception Score's formula, Salimans et al.
 * 2016, with any classifier): exp(E_x KL(p(y|x) || p(y))), p(y) the mean of p(y|x) over the samples.
 * 1 when every sample gets the same class distribution; the number of classes when each sample is
 * confidently one class and the classes are used equally.
 */
public final class ClassifierScore {
  private ClassifierScore() {}

  /** The score of the rows of {@code probabilities} (each a class distribution). */
  public static double of(double[][] probabilities) {
    int classes = probabilities[0].length;
    double[] marginal = new double[classes];
    for (double[] p : probabilities) for (int c = 0; c < classes; c++) marginal[c] += p[c] / probabilities.length;
    double kl = 0;
    for (double[] p : probabilities) {
      for (int c = 0; c < classes; c++) if (p[c] > 0) kl += p[c] * Math.log(p[c] / marginal[c]);
    }
    return Math.exp(kl / probabilities.length);
  }
}
