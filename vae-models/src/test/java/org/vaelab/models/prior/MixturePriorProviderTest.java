package org.vaelab.models.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.api.testkit.PriorContract;

class MixturePriorProviderTest extends PriorContract<MixturePriorConfig, MixturePriorProvider> {
  @Override protected MixturePriorProvider provider() { return new MixturePriorProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("components", 0), Map.of("components", 1001));
  }

  /** log p(z) for each row of {@code z}: with mean = z, logVar = 0 and eps = 0, KL = log N(0; 0, 1)·D − log p(z). */
  static double[] logDensity(Prior p, Kernels k, INDArray z) {
    long n = z.size(0);
    int dims = (int) z.size(1);
    INDArray per = k.create(n);
    p.kl(new PosteriorSample(z, k.create(n, dims), k.create(n, dims), z, k.create(n, dims), k.create(n, dims),
        k.create(n, dims)), 0, per);
    double[] out = per.toDoubleVector();
    for (int i = 0; i < out.length; i++) out[i] = -0.5 * MixtureKl.LOG_2PI * dims - out[i];
    return out;
  }

  private static Prior randomMixture(Kernels k, int dims) {
    Prior p = new MixturePriorProvider().build(new MixturePriorConfig(3), dims);
    ParameterStore store = ParameterStore.allocate(List.of(p), k);
    store.values().assign(Fixtures.normal(k, 7, 1, store.size()).reshape(store.values().shape()).muli(0.7));
    p.plan(4, k);
    return p;
  }

  @Test
  void theDensityIntegratesToOneIn1d() {
    Kernels k = Fixtures.doubleKernels();
    Prior p = randomMixture(k, 1);
    int n = 4001;
    double lo = -12;
    double h = 24.0 / (n - 1);
    INDArray z = k.create(n, 1);
    for (int i = 0; i < n; i++) z.putScalar(i, 0, lo + i * h);
    double sum = 0;
    for (double lp : logDensity(p, k, z)) sum += Math.exp(lp) * h;
    assertEquals(1.0, sum, 1e-6);
  }

  @Test
  void theDensityIntegratesToOneIn2d() {
    Kernels k = Fixtures.doubleKernels();
    Prior p = randomMixture(k, 2);
    int side = 241;
    double lo = -12;
    double h = 24.0 / (side - 1);
    INDArray z = k.create((long) side * side, 2);
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        z.putScalar(i * side + j, 0, lo + i * h);
        z.putScalar(i * side + j, 1, lo + j * h);
      }
    }
    double sum = 0;
    for (double lp : logDensity(p, k, z)) sum += Math.exp(lp) * h * h;
    assertEquals(1.0, sum, 1e-3);
  }

  @Test
  void samplesFollowTheMixtureMean() {
    Kernels k = Fixtures.doubleKernels();
    Prior p = randomMixture(k, 1);
    INDArray grid = k.create(4001, 1);
    for (int i = 0; i < 4001; i++) grid.putScalar(i, 0, -12 + i * 0.006);
    double[] lp = logDensity(p, k, grid);
    double mean = 0;
    for (int i = 0; i < lp.length; i++) mean += Math.exp(lp[i]) * 0.006 * grid.getDouble(i, 0);
    INDArray draws = k.create(20_000, 1);
    p.sample(draws, org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(3));
    assertEquals(mean, draws.meanNumber().doubleValue(), 0.05);
  }
}
