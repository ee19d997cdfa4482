package org.vaelab.losses.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {
  /** Rows of N(mean, diag(sd²)) rotated by a fixed orthogonal matrix (so the covariance is not diagonal). */
  private static double[][] gaussian(int n, double[] mean, double[] sd, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int d = mean.length;
    double[][] x = new double[n][d];
    double angle = 0.7;
    for (double[] row : x) {
      double[] e = new double[d];
      for (int i = 0; i < d; i++) e[i] = sd[i] * r.nextGaussian();
      for (int i = 0; i + 1 < d; i += 2) {  // rotate pairs of coordinates
        double a = e[i];
        double b = e[i + 1];
        e[i] = Math.cos(angle) * a - Math.sin(angle) * b;
        e[i + 1] = Math.sin(angle) * a + Math.cos(angle) * b;
      }
      for (int i = 0; i < d; i++) row[i] = mean[i] + e[i];
    }
    return x;
  }

  @Test
  void rotatedGaussiansGiveTheClosedFormOfTheirDiagonalParts() {
    // the same rotation on both: FD = |μa − μb|² + Σ (σa − σb)² (the covariances commute)
    double[] sa = {1, 2, 0.5, 1.5};
    double[] sb = {2, 1, 0.5, 3};
    double[][] a = gaussian(200_000, new double[] {0, 0, 0, 0}, sa, 1);
    double[][] b = gaussian(200_000, new double[] {1, 0, -2, 0}, sb, 2);
    double expected = 1 + 4;
    for (int i = 0; i < 4; i++) expected += (sa[i] - sb[i]) * (sa[i] - sb[i]);
    assertEquals(expected, FrechetDistance.of(a, b), 0.05 * expected);
  }

  @Test
  void aSetAgainstAnotherDrawOfTheSameDistributionIsNearZero() {
    double[] sd = {1, 2, 3, 0.1, 1, 1};
    double fd = FrechetDistance.of(gaussian(50_000, new double[6], sd, 3), gaussian(50_000, new double[6], sd, 4));
    assertEquals(0, fd, 0.02);
  }

  @Test
  void theMatrixSquareRootSquaresBack() {
    double[][] s = FrechetDistance.covariance(gaussian(100, new double[] {0, 0, 0, 0}, new double[] {1, 2, 3, 4}, 5),
        new double[4]);
    double[][] r = FrechetDistance.sqrtPsd(s);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double rr = 0;
        for (int k = 0; k < 4; k++) rr += r[i][k] * r[k][j];
        assertEquals(s[i][j], rr, 1e-9 * Math.max(1, Math.abs(s[i][j])));
      }
    }
  }

  @Test
  void theClassifierScoreRangesFromOneToTheNumberOfClasses() {
    double[][] same = {{0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}};
    assertEquals(1, ClassifierScore.of(same), 1e-12);
    double[][] sharp = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    assertEquals(3, ClassifierScore.of(sharp), 1e-12);
  }
}
