package org.vaelab.losses.estimate;

/**
 * Streaming log-mean-exp of importance log-weights log w = log p(x, z) − log q(z|x), one row per
 * example: the IWAE bound L_k of Burda, Grosse & Salakhutdinov 2015 ("Importance Weighted
 * Autoencoders"), and with large k the importance-sampled estimate of log p(x). L_1 is the
 * single-sample ELBO. Numerically stable (running max), O(rows) memory whatever k.
 */
public final class ImportanceWeights {
  private final double[] max;
  private final double[] sum;
  private int count;

  public ImportanceWeights(int rows) {
    max = new double[rows];
    sum = new double[rows];
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /** Adds one sample's log-weights, one per row. */
  public void add(double[] logWeights) {
    if (logWeights.length != max.length) {
      throw new IllegalArgumentException("expected " + max.length + " log-weights, got " + logWeights.length);
    }
    add(logWeights, 0);
  }

  /** Adds one sample's log-weights, one per row, read from {@code logWeights[from]} on. */
  public void add(double[] logWeights, int from) {
    if (from < 0 || from + max.length > logWeights.length) {
      throw new IllegalArgumentException("expected " + max.length + " log-weights from " + from + " of " + logWeights.length);
    }
    for (int i = 0; i < max.length; i++) {
      double lw = logWeights[from + i];
      if (lw > max[i]) {
        sum[i] = sum[i] * Math.exp(max[i] - lw) + 1;
        max[i] = lw;
      } else {
        sum[i] += Math.exp(lw - max[i]);
      }
    }
    count++;
  }

  /** Per row: log (1/k Σ_j w_j). */
  public double[] logMeanExp() {
    if (count == 0) throw new IllegalStateException("no samples added");
    double[] out = new double[max.length];
    for (int i = 0; i < out.length; i++) out[i] = max[i] + Math.log(sum[i] / count);
    return out;
  }

  public int samples() { return count; }

  /** Mean and standard error of the mean over examples, and the samples per example. */
  public record Summary(double mean, double standardError, int examples, int samples) {
    /** Summarises per-example estimates made with {@code samples} samples each. */
    public static Summary of(double[] perExample, int samples) {
      double mean = 0;
      for (double x : perExample) mean += x / perExample.length;
      double ss = 0;
      for (double x : perExample) ss += (x - mean) * (x - mean);
      int n = perExample.length;
      return new Summary(mean, n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN, n, samples);
    }
  }

  public Summary summary() {
    return Summary.of(logMeanExp(), count);
  }
}
