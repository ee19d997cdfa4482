package org.vaelab.losses.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.PosteriorBatch;
import org.vaelab.api.testkit.ObjectiveContract;

class BetaTcObjectiveProviderTest extends ObjectiveContract<BetaTcConfig, BetaTcObjectiveProvider> {
  @Override protected BetaTcObjectiveProvider provider() { return new BetaTcObjectiveProvider(); }

  @Override protected BetaTcConfig oneSampleConfig() { return new BetaTcConfig(6.0); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("tcWeight", -1), Map.of("tcWeight", "a lot"));
  }

  @Test
  void identicalFactorisedPosteriorsHaveNoTotalCorrelation() {
    int m = 4;
    int d = 3;
    double[] mean = new double[m * d];
    double[] logVar = new double[m * d];
    Arrays.fill(logVar, -0.5);
    double[] z = {0.3, -1.0, 0.2, 1.1, 0.4, -0.7, -0.2, 0.0, 0.9, 0.5, 0.5, -1.3};
    double[] dz = new double[m * d];
    double[] dm = new double[m * d];
    double[] dl = new double[m * d];
    // with N = 1 the minibatch-weighted estimate has no constant: q(z) = Π q(z_d) exactly here
    double tc = new BetaTc(6).batchTerm(new PosteriorBatch(z, mean, logVar, m, d, 1), dz, dm, dl);
    assertEquals(0, tc, 1e-12);
    for (double g : dz) assertEquals(0, g, 1e-12);
  }

  @Test
  void posteriorsAlongTheDiagonalHavePositiveTotalCorrelation() {
    int m = 6;
    int d = 2;
    double[] mean = new double[m * d];
    double[] logVar = new double[m * d];
    Arrays.fill(logVar, -4);
    for (int j = 0; j < m; j++) mean[j * d] = mean[j * d + 1] = j - 2.5;  // z1 = z2 across the batch
    double[] z = mean.clone();
    double tc = new BetaTc(2).batchTerm(new PosteriorBatch(z, mean, logVar, m, d, 1), new double[m * d],
        new double[m * d], new double[m * d]);
    assertTrue(tc > 1, "total correlation " + tc);
  }
}
