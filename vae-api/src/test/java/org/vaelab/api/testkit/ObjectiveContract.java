package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.Objective;
import org.vaelab.api.spi.ObjectiveProvider;
import org.vaelab.api.spi.PluginKind;

/**
 * Contract of a training objective: a finite loss whose weights are its derivatives (checked
 * against finite differences), the same result for the same terms, and, with one sample and β = 1,
 * the negative ELBO (mean of kl − recon over examples).
 */
public abstract class ObjectiveContract<C extends Record, P extends ObjectiveProvider<C>> extends ProviderContract<C, P> {
  private static final int EXAMPLES = 3;

  @Override protected PluginKind kind() { return PluginKind.OBJECTIVE; }

  /** A config with one sample per example, to compare with the ELBO. */
  protected abstract C oneSampleConfig();

  private static double[] terms(int n, long seed, double scale) {
    Random r = new Random(seed);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) t[i] = scale * r.nextGaussian();
    return t;
  }

  @Test
  void weightsAreTheLossDerivatives() {
    Objective o = provider().build(provider().defaultConfig());
    int rows = o.samples() * EXAMPLES;
    double[] recon = terms(rows, 1, 5);
    double[] kl = terms(rows, 2, 3);
    double[] dRecon = new double[rows];
    double[] dKl = new double[rows];
    double beta = 0.7;
    double loss = o.weigh(recon.clone(), kl.clone(), EXAMPLES, beta, dRecon, dKl);
    assertTrue(Double.isFinite(loss), "loss " + loss);
    double h = 1e-6;
    for (int r = 0; r < rows; r++) {
      for (double[][] which : new double[][][] {{recon, dRecon}, {kl, dKl}}) {
        double[] t = which[0];
        double v = t[r];
        t[r] = v + h;
        double up = o.weigh(recon.clone(), kl.clone(), EXAMPLES, beta, new double[rows], new double[rows]);
        t[r] = v - h;
        double down = o.weigh(recon.clone(), kl.clone(), EXAMPLES, beta, new double[rows], new double[rows]);
        t[r] = v;
        assertEquals((up - down) / (2 * h), which[1][r], 1e-6, "row " + r);
      }
    }
    assertEquals(loss, o.weigh(recon.clone(), kl.clone(), EXAMPLES, beta, new double[rows], new double[rows]), "deterministic");
  }

  @Test
  void withOneSampleItIsTheNegativeElbo() {
    Objective o = provider().build(oneSampleConfig());
    assertEquals(1, o.samples());
    double[] recon = terms(EXAMPLES, 3, 5);
    double[] kl = terms(EXAMPLES, 4, 3);
    double elbo = 0;
    for (int b = 0; b < EXAMPLES; b++) elbo += recon[b] - kl[b];
    assertEquals(-elbo / EXAMPLES, o.weigh(recon, kl, EXAMPLES, 1.0, new double[EXAMPLES], new double[EXAMPLES]), 1e-12);
  }
}
