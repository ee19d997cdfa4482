package org.vaelab.losses.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.api.testkit.LikelihoodContract;

class GaussianLikelihoodProviderTest extends LikelihoodContract<GaussianConfig, GaussianLikelihoodProvider> {
  @Override protected GaussianLikelihoodProvider provider() { return new GaussianLikelihoodProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("sigma", 0), Map.of("sigma", -1.5), Map.of("learn", "yes"), Map.of("minSigma", -1),
        Map.of("learn", "shared", "sigma", 0.5, "minSigma", 0.5));
  }

  @Override protected List<GaussianConfig> gradientConfigs() {
    return List.of(config(Map.of()), config(Map.of("learn", "shared", "sigma", 0.7, "minSigma", 0.1)),
        config(Map.of("learn", "per-value", "sigma", 1.3)));
  }

  @Test
  void aLearnedSigmaStartsAtSigmaAndMatchesTheFixedOneThere() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = data(k);
    INDArray mean = Fixtures.normal(k, 5, BATCH, VALUES);
    double[] ll = new double[2];
    int i = 0;
    for (GaussianConfig c : List.of(config(Map.of("sigma", 0.8)), config(Map.of("sigma", 0.8, "learn", "per-value")))) {
      Likelihood l = provider().build(c, VALUES);
      ParameterStore store = ParameterStore.allocate(List.of(l), k);
      store.initialise(1);
      l.plan(BATCH, k);
      ll[i++] = l.logLikelihood(mean, x, k.create(BATCH, VALUES), 1.0, null);
    }
    assertEquals(ll[0], ll[1], 1e-9);
  }

  @Test
  void theLearnedSigmaMovesTowardsTheResidualScale() {
    Kernels k = Fixtures.doubleKernels();
    Likelihood l = provider().build(config(Map.of("learn", "shared", "sigma", 5.0)), VALUES);
    ParameterStore store = ParameterStore.allocate(List.of(l), k);
    store.initialise(1);
    l.plan(BATCH, k);
    l.logLikelihood(k.create(BATCH, VALUES), data(k), k.create(BATCH, VALUES), 1.0, null);
    assertTrue(store.grads().getDouble(0) < 0, "residuals of scale ~3 pull sigma=5 down (gradient of log p w.r.t. rho < 0)");
  }

  @Override protected INDArray data(Kernels k) { return Fixtures.normal(k, 11, BATCH, VALUES).muli(3); }
}
