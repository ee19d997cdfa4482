package org.vaelab.experiments.eval;

/** Two-dimensional views of latent codes: the first two dimensions, or the top two principal components. */
final class Projection {
  private Projection() {}

  /** {@code [n][2]}: the points themselves when they have two dimensions, else their PCA projection. */
  static double[][] twoDimensions(double[][] points) {
    int d = points[0].length;
    if (d <= 2) {
      double[][] out = new double[points.length][2];
      for (int i = 0; i < points.length; i++) {
        out[i][0] = points[i][0];
        out[i][1] = d > 1 ? points[i][1] : 0;
      }
      return out;
    }
    double[] mean = new double[d];
    for (double[] p : points) for (int j = 0; j < d; j++) mean[j] += p[j] / points.length;
    double[][] cov = new double[d][d];
    for (double[] p : points) {
      for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) cov[a][b] += (p[a] - mean[a]) * (p[b] - mean[b]);
    }
    double[] first = leadingEigenvector(cov);
    deflate(cov, first);
    double[] second = leadingEigenvector(cov);
    double[][] out = new double[points.length][2];
    for (int i = 0; i < points.length; i++) {
      for (int j = 0; j < d; j++) {
        out[i][0] += (points[i][j] - mean[j]) * first[j];
        out[i][1] += (points[i][j] - mean[j]) * second[j];
      }
    }
    return out;
  }

  /** Power iteration on a symmetric positive semi-definite matrix. */
  static double[] leadingEigenvector(double[][] m) {
    int d = m.length;
    double[] v = new double[d];
    for (int j = 0; j < d; j++) v[j] = 1.0 / Math.sqrt(d) * (1 + 0.01 * j);
    for (int it = 0; it < 500; it++) {
      double[] w = new double[d];
      for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) w[a] += m[a][b] * v[b];
      double norm = 0;
      for (double x : w) norm += x * x;
      norm = Math.sqrt(norm);
      if (norm == 0) return v;
      for (int j = 0; j < d; j++) w[j] /= norm;
      v = w;
    }
    return v;
  }

  private static void deflate(double[][] m, double[] v) {
    int d = m.length;
    double lambda = 0;
    for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) lambda += v[a] * m[a][b] * v[b];
    for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) m[a][b] -= lambda * v[a] * v[b];
  }
}
