package org.vaelab.models.vq;

import java.util.Arrays;
import java.util.Random;

/**
 * The arithmetic of vector quantisation on plain arrays: nearest-code assignment of each of
 * {@code slots} vectors of {@code dim} values per row, the straight-through gradient with the
 * commitment term, the codebook gradient or its EMA update, dead-code reset, and usage statistics.
 * Losses are means over the rows of a batch, like the reconstruction term.
 */
final class Quantizer {
  private final int slots;
  private final int dim;
  private final int codes;
  private final double beta;
  private int[][] assignment = new int[0][];
  private final long[] usageSinceReset;
  private double perplexity;
  private double usedFraction;
  private double commitment;

  Quantizer(int slots, int dim, int codes, double beta) {
    this.slots = slots;
    this.dim = dim;
    this.codes = codes;
    this.beta = beta;
    this.usageSinceReset = new long[codes];
  }

  /** As {@link #quantize(double[][], double[][], double[], double[][])}, with the dot products computed here. */
  void quantize(double[][] ze, double[][] codebook, double[][] zq) {
    double[] cross = new double[ze.length * slots * codes];
    for (int b = 0; b < ze.length; b++) {
      for (int j = 0; j < slots; j++) {
        for (int k = 0; k < codes; k++) {
          double dot = 0;
          for (int d = 0; d < dim; d++) dot += ze[b][j * dim + d] * codebook[k][d];
          cross[(b * slots + j) * codes + k] = dot;
        }
      }
    }
    quantize(ze, codebook, cross, zq);
  }

  /**
   * Writes the nearest code of each slot of {@code ze} into {@code zq} and records the assignment and
   * usage. {@code cross} holds the dot products of slot vectors with codes, row-major
   * {@code [rows·slots, codes]} (one matrix product): ||z − e_k||² = ||z||² − 2 z·e_k + ||e_k||².
   */
  void quantize(double[][] ze, double[][] codebook, double[] cross, double[][] zq) {
    int n = ze.length;
    if (assignment.length < n) assignment = new int[n][slots];
    double[] codeNorms = new double[codes];
    for (int k = 0; k < codes; k++) for (int d = 0; d < dim; d++) codeNorms[k] += codebook[k][d] * codebook[k][d];
    long[] counts = new long[codes];
    double squared = 0;
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < slots; j++) {
        int row = (b * slots + j) * codes;
        int best = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int k = 0; k < codes; k++) {
          double score = codeNorms[k] - 2 * cross[row + k];  // ||z||² is the same for every code
          if (score < bestScore) {
            bestScore = score;
            best = k;
          }
        }
        assignment[b][j] = best;
        counts[best]++;
        for (int d = 0; d < dim; d++) {
          double diff = ze[b][j * dim + d] - codebook[best][d];
          squared += diff * diff;
        }
        System.arraycopy(codebook[best], 0, zq[b], j * dim, dim);
      }
    }
    double entropy = 0;
    int used = 0;
    for (int k = 0; k < codes; k++) {
      if (counts[k] == 0) continue;
      used++;
      usageSinceReset[k] += counts[k];
      double p = counts[k] / (double) (n * slots);
      entropy -= p * Math.log(p);
    }
    perplexity = Math.exp(entropy);
    usedFraction = used / (double) codes;
    commitment = squared / n;
  }

  /**
   * Straight-through: {@code dZe = dZq + 2·beta/n·(ze − zq)} (commitment loss beta·||ze − sg(zq)||²).
   * Unless {@code dCodebook} is null, adds the codebook loss gradient {@code 2/n·(e_k − ze)} for each
   * assigned slot.
   */
  void backward(double[][] ze, double[][] zq, double[][] dZq, double[][] dZe, double[][] dCodebook) {
    int n = ze.length;
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < slots * dim; i++) dZe[b][i] = dZq[b][i] + 2 * beta / n * (ze[b][i] - zq[b][i]);
      if (dCodebook == null) continue;
      for (int j = 0; j < slots; j++) {
        int k = assignment[b][j];
        for (int d = 0; d < dim; d++) dCodebook[k][d] += 2.0 / n * (zq[b][j * dim + d] - ze[b][j * dim + d]);
      }
    }
  }

  /**
   * EMA codebook update (van den Oord et al. 2017, appendix): N_k ← γN_k + (1−γ)n_k,
   * m_k ← γm_k + (1−γ)Σ ze, e_k = m_k / N̂_k with Laplace-smoothed counts.
   */
  void emaUpdate(double[][] ze, double[][] codebook, double[] count, double[][] sum, double decay) {
    if (Arrays.stream(count).allMatch(c -> c == 0)) {
      // first update: each code starts as one pseudo-observation of itself, so unused codes stay put
      for (int k = 0; k < codes; k++) {
        count[k] = 1;
        sum[k] = codebook[k].clone();
      }
    }
    int n = ze.length;
    double[] batchCount = new double[codes];
    double[][] batchSum = new double[codes][dim];
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < slots; j++) {
        int k = assignment[b][j];
        batchCount[k]++;
        for (int d = 0; d < dim; d++) batchSum[k][d] += ze[b][j * dim + d];
      }
    }
    double total = 0;
    for (int k = 0; k < codes; k++) {
      count[k] = decay * count[k] + (1 - decay) * batchCount[k];
      total += count[k];
      for (int d = 0; d < dim; d++) sum[k][d] = decay * sum[k][d] + (1 - decay) * batchSum[k][d];
    }
    for (int k = 0; k < codes; k++) {
      double smoothed = (count[k] + 1e-5) / (total + codes * 1e-5) * total;
      for (int d = 0; d < dim; d++) codebook[k][d] = sum[k][d] / smoothed;
    }
  }

  /** Moves every code unused since the last reset onto a random slot vector of this batch; returns how many. */
  int resetDeadCodes(double[][] ze, double[][] codebook, Random rng) {
    int reset = 0;
    for (int k = 0; k < codes; k++) {
      if (usageSinceReset[k] == 0) {
        int b = rng.nextInt(ze.length);
        int j = rng.nextInt(slots);
        System.arraycopy(ze[b], j * dim, codebook[k], 0, dim);
        reset++;
      }
    }
    Arrays.fill(usageSinceReset, 0);
    return reset;
  }

  int[][] assignment() { return assignment; }

  /** exp(entropy) of the code usage of the last batch: K when all codes are used equally, 1 when one code is. */
  double perplexity() { return perplexity; }

  double usedFraction() { return usedFraction; }

  /** Mean over rows of ||ze − zq||² of the last batch. */
  double commitment() { return commitment; }
}
