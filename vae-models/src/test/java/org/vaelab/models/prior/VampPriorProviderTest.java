package org.vaelab.models.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.api.testkit.PriorContract;

class VampPriorProviderTest extends PriorContract<VampPriorConfig, VampPriorProvider> {
  @Override protected VampPriorProvider provider() { return new VampPriorProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("components", 0), Map.of("components", 5000));
  }

  @Test
  void theDensityIntegratesToOneIn1d() {
    Kernels k = Fixtures.doubleKernels();
    Prior p = provider().build(new VampPriorConfig(4, false), 1);
    Encoder encoder = new GaussianPosteriorEncoder(Sequential.mlp(3, List.of(), 4, Activation.TANH, Activation.TANH), 1);
    Encoder twin = new GaussianPosteriorEncoder(Sequential.mlp(3, List.of(), 4, Activation.TANH, Activation.TANH), 1);
    p.attachEncoder(twin);
    ParameterStore store = ParameterStore.allocate(List.of(encoder, p), k);
    twin.bind(store.valueViews().subList(0, encoder.params().size()), store.gradViews().subList(0, encoder.params().size()));
    store.values().assign(Fixtures.normal(k, 9, 1, store.size()).reshape(store.values().shape()));
    p.plan(4, k);
    int n = 6001;
    double h = 30.0 / (n - 1);
    INDArray z = k.create(n, 1);
    for (int i = 0; i < n; i++) z.putScalar(i, 0, -15 + i * h);
    double sum = 0;
    for (double lp : MixturePriorProviderTest.logDensity(p, k, z)) sum += Math.exp(lp) * h;
    assertEquals(1.0, sum, 1e-5);  // Riemann sum on [-15, 15]
  }
}
