package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.CodePrior;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PriorProvider;

/**
 * Contract of a prior over codes, at parameters away from their initial values: log p is a
 * normalised distribution over all code rows, its gradient is right, and samples follow it.
 */
public abstract class CodePriorContract<C extends Record, P extends PriorProvider<C>> extends ProviderContract<C, P> {
  protected static final int SLOTS = 3;
  protected static final int CODES = 3;
  private static final int ROWS = 27;  // CODES^SLOTS

  @Override protected PluginKind kind() { return PluginKind.PRIOR; }

  /** The config the checks build the prior with; the default config unless overridden. */
  protected C checkedConfig() { return provider().defaultConfig(); }

  /** The prior with its parameters initialised, then moved to random values when {@code moved}. */
  protected CodePrior built(Kernels k, ParameterStore[] store, boolean moved) {
    CodePrior p = assertInstanceOf(CodePrior.class, provider().build(checkedConfig(), SLOTS * 2));
    p.attachCodes(SLOTS, CODES);
    store[0] = ParameterStore.allocate(List.of(p), k);
    store[0].initialise(1);
    if (moved && store[0].size() > 0) store[0].values().addi(Fixtures.normal(k, 7, store[0].size()).muli(0.7));
    p.plan(ROWS, k);
    return p;
  }

  protected static int[][] allRows() {
    int[][] rows = new int[ROWS][SLOTS];
    for (int r = 0; r < ROWS; r++) for (int j = 0, v = r; j < SLOTS; j++, v /= CODES) rows[r][j] = v % CODES;
    return rows;
  }

  @Test
  void logProbIsANormalisedDistributionOverAllCodeRows() {
    double[] logP = new double[ROWS];
    built(Fixtures.doubleKernels(), new ParameterStore[1], true).logProb(allRows(), logP, 0);
    double total = 0;
    for (double v : logP) {
      assertTrue(v <= 1e-12, "log p " + v);
      total += Math.exp(v);
    }
    assertEquals(1, total, 1e-9, "p summed over all " + ROWS + " code rows");
  }

  @Test
  void logProbGradientMatchesFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    ParameterStore[] store = new ParameterStore[1];
    CodePrior p = built(k, store, true);
    if (store[0].size() == 0) return;  // nothing learned, nothing to check
    int[][] rows = {{0, 1, 2}, {2, 2, 0}, {1, 0, 1}, {0, 1, 2}};
    double[] logP = new double[rows.length];
    store[0].zeroGrads();
    p.logProb(rows, logP, 1.0);
    var analytic = store[0].grads().dup();
    double err = GradientCheck.maxRelativeError(store[0].values(), analytic, () -> {
      double[] out = new double[rows.length];
      p.logProb(rows, out, 0);
      double s = 0;
      for (double v : out) s += v;
      return s;
    });
    assertTrue(err < 1e-5, "max relative error " + err);
  }

  @Test
  void samplesFollowLogProb() {
    CodePrior p = built(Fixtures.doubleKernels(), new ParameterStore[1], true);
    double[] logP = new double[ROWS];
    p.logProb(allRows(), logP, 0);
    int n = 20_000;
    int[] counts = new int[ROWS];
    for (int[] row : p.sample(n, 1.0, new SplittableRandom(3))) counts[row[0] + CODES * (row[1] + CODES * row[2])]++;
    for (int r = 0; r < ROWS; r++) {
      double q = Math.exp(logP[r]);
      double sd = Math.sqrt(q * (1 - q) / n);
      assertEquals(q, counts[r] / (double) n, 4 * sd + 1e-3, "frequency of code row " + r);
    }
  }
}
