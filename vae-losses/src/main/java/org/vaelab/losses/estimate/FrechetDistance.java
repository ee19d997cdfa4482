package org.vaelab.losses.estimate;

/**
 * The Fréchet distance between Gaussians fitted to two sets of feature vectors (Heusel et al. 2017's
 * FID formula, in whatever feature space the caller gives): |μa − μb|² + tr(Σa + Σb − 2(Σa^½ Σb Σa^½)^½).
 * Covariances are the unbiased sample covariances; matrix square roots come from symmetric
 * eigendecompositions (cyclic Jacobi), negative round-off eigenvalues clipped to 0.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** The distance between the rows of {@code a} and of {@code b} (each at least 2 rows, the same width). */
  public static double of(double[][] a, double[][] b) {
    if (a.length < 2 || b.length < 2) throw new IllegalArgumentException("need at least 2 rows in each set");
    if (a[0].length != b[0].length) throw new IllegalArgumentException("widths differ: " + a[0].length + ", " + b[0].length);
    double[] ma = mean(a);
    double[] mb = mean(b);
    double[][] ca = covariance(a, ma);
    double[][] cb = covariance(b, mb);
    double dist = 0;
    for (int i = 0; i < ma.length; i++) dist += (ma[i] - mb[i]) * (ma[i] - mb[i]);
    double[][] rootA = sqrtPsd(ca);
    double[][] m = multiply(multiply(rootA, cb), rootA);
    symmetrise(m);
    double traceRoot = 0;
    for (double l : eigenvalues(m)) traceRoot += Math.sqrt(Math.max(l, 0));
    return Math.max(0, dist + trace(ca) + trace(cb) - 2 * traceRoot);
  }

  static double[] mean(double[][] x) {
    double[] m = new double[x[0].length];
    for (double[] row : x) for (int i = 0; i < m.length; i++) m[i] += row[i];
    for (int i = 0; i < m.length; i++) m[i] /= x.length;
    return m;
  }

  static double[][] covariance(double[][] x, double[] mean) {
    int d = mean.length;
    double[][] c = new double[d][d];
    double[] centred = new double[d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) centred[i] = row[i] - mean[i];
      for (int i = 0; i < d; i++) {
        double ci = centred[i];
        if (ci == 0) continue;
        for (int j = i; j < d; j++) c[i][j] += ci * centred[j];
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        c[i][j] /= x.length - 1;
        c[j][i] = c[i][j];
      }
    }
    return c;
  }

  /** The symmetric square root of a positive semi-definite matrix. */
  static double[][] sqrtPsd(double[][] s) {
    int d = s.length;
    double[][] v = new double[d][d];
    double[] l = jacobi(copy(s), v);
    double[][] r = new double[d][d];
    for (int k = 0; k < d; k++) {
      double root = Math.sqrt(Math.max(l[k], 0));
      if (root == 0) continue;
      for (int i = 0; i < d; i++) {
        double vik = v[i][k] * root;
        for (int j = 0; j < d; j++) r[i][j] += vik * v[j][k];
      }
    }
    return r;
  }

  static double[] eigenvalues(double[][] s) {
    return jacobi(copy(s), null);
  }

  /** Cyclic Jacobi on the symmetric {@code a} (destroyed): its eigenvalues, eigenvectors into the columns of {@code v}. */
  private static double[] jacobi(double[][] a, double[][] v) {
    int d = a.length;
    if (v != null) for (int i = 0; i < d; i++) v[i][i] = 1;
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < d; i++) {
        diag += a[i][i] * a[i][i];
        for (int j = i + 1; j < d; j++) off += a[i][j] * a[i][j];
      }
      if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          double apq = a[p][q];
          if (Math.abs(apq) < 1e-300) continue;
          double theta = (a[q][q] - a[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) t = 1;
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          if (v != null) {
            for (int k = 0; k < d; k++) {
              double vkp = v[k][p];
              double vkq = v[k][q];
              v[k][p] = c * vkp - s * vkq;
              v[k][q] = s * vkp + c * vkq;
            }
          }
        }
      }
    }
    double[] l = new double[d];
    for (int i = 0; i < d; i++) l[i] = a[i][i];
    return l;
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    int d = x.length;
    double[][] r = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        double xik = x[i][k];
        if (xik == 0) continue;
        for (int j = 0; j < d; j++) r[i][j] += xik * y[k][j];
      }
    }
    return r;
  }

  private static void symmetrise(double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = i + 1; j < m.length; j++) m[i][j] = m[j][i] = (m[i][j] + m[j][i]) / 2;
    }
  }

  private static double trace(double[][] m) {
    double t = 0;
    for (int i = 0; i < m.length; i++) t += m[i][i];
    return t;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) c[i] = m[i].clone();
    return c;
  }
}
