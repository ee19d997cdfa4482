package org.vaelab.losses.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.testkit.ObjectiveContract;

class IwaeObjectiveProviderTest extends ObjectiveContract<IwaeConfig, IwaeObjectiveProvider> {
  @Override protected IwaeObjectiveProvider provider() { return new IwaeObjectiveProvider(); }

  @Override protected IwaeConfig oneSampleConfig() { return new IwaeConfig(1); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("samples", 0), Map.of("samples", -2));
  }

  @Test
  void theBoundIsTheLogMeanOfTheWeightsAndNotBelowTheElbo() {
    var iwae = new Iwae(2);
    double[] recon = {-1, -3};  // one example, two samples: rows 0 and 1
    double[] kl = {0.5, 0.0};
    double[] dr = new double[2];
    double[] dk = new double[2];
    double loss = iwae.weigh(recon, kl, 1, 1.0, dr, dk);
    double expected = -Math.log((Math.exp(-1.5) + Math.exp(-3)) / 2);
    assertEquals(expected, loss, 1e-12);
    assertTrue(loss <= -(-1.5 - 3) / 2, "IWAE bound >= the mean ELBO");
    assertEquals(-1.0, dr[0] + dr[1], 1e-12, "the normalised weights sum to one");
  }
}
