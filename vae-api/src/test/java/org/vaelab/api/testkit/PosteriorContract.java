package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PosteriorProvider;

/**
 * Contract of a posterior family: its log-determinant is the change-of-variables term (against a
 * numerical Jacobian), its gradients w.r.t. z0 and its parameters match finite differences, in
 * double precision, and as an importance-sampling proposal it recovers the exact log p(x) of a
 * linear-Gaussian model (log q must carry the log-determinant for that).
 */
public abstract class PosteriorContract<C extends Record, P extends PosteriorProvider<C>> extends ProviderContract<C, P> {
  protected static final int ROWS = 4;
  protected static final int LATENT = 3;
  private static final double H = 1e-6;
  private static final double BASE_SD = 2;

  @Override protected PluginKind kind() { return PluginKind.POSTERIOR; }

  /** The config the checks build the family with; the default config unless overridden. */
  protected C checkedConfig() { return provider().defaultConfig(); }

  private PosteriorFlow built(ParameterStore[] store) {
    return built(store, 0.3);
  }

  /** The family with its initial parameters moved by N(0, {@code spread}²), so that it is not the identity. */
  private PosteriorFlow built(ParameterStore[] store, double spread) {
    Kernels k = Fixtures.doubleKernels();
    PosteriorFlow f = provider().build(checkedConfig(), LATENT);
    store[0] = ParameterStore.allocate(List.of(f), k);
    store[0].initialise(1);
    if (store[0].size() > 0) store[0].values().addi(Fixtures.normal(k, 9, store[0].size()).reshape(store[0].values().shape()).muli(spread));
    f.plan(ROWS, k);
    return f;
  }

  private static double[] gaussian(long seed, int n, double scale) {
    Random r = new Random(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = scale * r.nextGaussian();
    return out;
  }

  private static double[] logDets(PosteriorFlow f, double[] z0) {
    double[] ld = new double[ROWS];
    f.forward(z0, ROWS, new double[z0.length], ld);
    return ld;
  }

  /**
   * p(z) = N(0, I), p(x|z) = N(a ⊙ z + b, s²I): log p(x) is exact. The proposal is the family on a
   * broad base Gaussian N(0, 2²I); its IS estimate must agree with log p(x) within 4 standard errors.
   */
  @Test
  void asTheProposalItRecoversTheExactLogLikelihoodOfALinearGaussianModel() {
    PosteriorFlow f = built(new ParameterStore[1]);
    double[] a = {1.0, -0.7, 1.5};
    double[] b = {0.2, -0.1, 0.3};
    double[] x = {0.8, 0.4, -1.1};
    double s2 = 0.25;
    double exact = 0;
    for (int i = 0; i < LATENT; i++) {
      double v = a[i] * a[i] + s2;
      exact += -0.5 * (Math.log(2 * Math.PI * v) + (x[i] - b[i]) * (x[i] - b[i]) / v);
    }
    Random rng = new Random(11);
    int draws = 200_000;
    double[] logW = new double[draws];
    double[] z0 = new double[ROWS * LATENT];
    double[] z = new double[ROWS * LATENT];
    double[] ld = new double[ROWS];
    for (int from = 0; from < draws; from += ROWS) {
      double[] logQ0 = new double[ROWS];
      for (int r = 0; r < ROWS; r++) {
        for (int i = 0; i < LATENT; i++) {
          double e = rng.nextGaussian();
          z0[r * LATENT + i] = BASE_SD * e;  // broad: whatever the family does to it, q covers the posterior
          logQ0[r] += -0.5 * (Math.log(2 * Math.PI) + e * e) - Math.log(BASE_SD);
        }
      }
      f.forward(z0, ROWS, z, ld);
      for (int r = 0; r < ROWS; r++) {
        double logJoint = 0;
        for (int i = 0; i < LATENT; i++) {
          double zi = z[r * LATENT + i];
          double m = a[i] * zi + b[i];
          logJoint += -0.5 * (Math.log(2 * Math.PI) + zi * zi) - 0.5 * (Math.log(2 * Math.PI * s2) + (x[i] - m) * (x[i] - m) / s2);
        }
        logW[from + r] = logJoint - (logQ0[r] - ld[r]);
      }
    }
    double max = java.util.Arrays.stream(logW).max().orElseThrow();
    double mean = java.util.Arrays.stream(logW).map(w -> Math.exp(w - max)).sum() / draws;
    double var = java.util.Arrays.stream(logW).map(w -> Math.pow(Math.exp(w - max) - mean, 2)).sum() / (draws - 1);
    double estimate = max + Math.log(mean);
    double stderr = Math.sqrt(var / draws) / mean;  // of log p̂(x), by the delta method
    assertTrue(stderr < 0.05, "the proposal is too far from the posterior for the check (s.e. " + stderr + ")");
    assertEquals(exact, estimate, 4 * stderr + 0.005, "IS with this family as the proposal against the exact log p(x), s.e. "
        + stderr);
  }

  @Test
  void logDeterminantIsTheChangeOfVariablesTerm() {
    PosteriorFlow f = built(new ParameterStore[1]);
    double[] z0 = gaussian(2, ROWS * LATENT, 1);
    double[] ld = logDets(f, z0);
    for (int r = 0; r < ROWS; r++) {
      double[][] jac = new double[LATENT][LATENT];
      for (int j = 0; j < LATENT; j++) {
        double[] up = z0.clone();
        double[] down = z0.clone();
        up[r * LATENT + j] += H;
        down[r * LATENT + j] -= H;
        double[] zu = new double[z0.length];
        double[] zd = new double[z0.length];
        f.forward(up, ROWS, zu, new double[ROWS]);
        f.forward(down, ROWS, zd, new double[ROWS]);
        for (int i = 0; i < LATENT; i++) jac[i][j] = (zu[r * LATENT + i] - zd[r * LATENT + i]) / (2 * H);
      }
      assertEquals(Math.log(Math.abs(determinant(jac))), ld[r], 1e-6, "row " + r);
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    ParameterStore[] store = new ParameterStore[1];
    PosteriorFlow f = built(store);
    double[] z0 = gaussian(3, ROWS * LATENT, 1);
    double[] a = gaussian(4, ROWS * LATENT, 1);
    double[] c = gaussian(5, ROWS, 1);
    store[0].zeroGrads();
    double[] z = new double[z0.length];
    f.forward(z0, ROWS, z, new double[ROWS]);
    double[] dz0 = new double[z0.length];
    f.backward(a.clone(), c.clone(), ROWS, dz0);
    for (int i = 0; i < z0.length; i++) {
      double v = z0[i];
      z0[i] = v + H;
      double up = loss(f, z0, a, c);
      z0[i] = v - H;
      double down = loss(f, z0, a, c);
      z0[i] = v;
      assertEquals((up - down) / (2 * H), dz0[i], 1e-5, "d/dz0[" + i + "]");
    }
    INDArray values = store[0].values();
    INDArray grads = store[0].grads();
    for (long i = 0; i < store[0].size(); i++) {
      double v = values.getDouble(i);
      values.putScalar(i, v + H);
      double up = loss(f, z0, a, c);
      values.putScalar(i, v - H);
      double down = loss(f, z0, a, c);
      values.putScalar(i, v);
      assertEquals((up - down) / (2 * H), grads.getDouble(i), 1e-5, "d/d parameter value " + i + " of " + store[0].names());
    }
  }

  @Test
  void forwardIsFiniteAndRepeatable() {
    PosteriorFlow f = built(new ParameterStore[1]);
    double[] z0 = gaussian(6, ROWS * LATENT, 3);
    double[] z = new double[z0.length];
    double[] ld = new double[ROWS];
    f.forward(z0, ROWS, z, ld);
    for (double v : z) assertTrue(Double.isFinite(v), "z " + v);
    for (double v : ld) assertTrue(Double.isFinite(v), "logDet " + v);
    double[] again = new double[z0.length];
    f.forward(z0, ROWS, again, new double[ROWS]);
    org.junit.jupiter.api.Assertions.assertArrayEquals(z, again);
  }

  /** Σ a·z + Σ c·logDet at z0. */
  private static double loss(PosteriorFlow f, double[] z0, double[] a, double[] c) {
    double[] z = new double[z0.length];
    double[] ld = new double[ROWS];
    f.forward(z0, ROWS, z, ld);
    double s = 0;
    for (int i = 0; i < z.length; i++) s += a[i] * z[i];
    for (int r = 0; r < ROWS; r++) s += c[r] * ld[r];
    return s;
  }

  /** Determinant by Gaussian elimination with partial pivoting. */
  private static double determinant(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) a[i] = m[i].clone();
    double det = 1;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
      if (pivot != col) {
        double[] t = a[pivot];
        a[pivot] = a[col];
        a[col] = t;
        det = -det;
      }
      det *= a[col][col];
      for (int r = col + 1; r < n; r++) {
        double f = a[r][col] / a[col][col];
        for (int j = col; j < n; j++) a[r][j] -= f * a[col][j];
      }
    }
    return det;
  }
}
