package org.vaelab.losses.likelihood;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.testkit.Fixtures;
import org.vaelab.api.testkit.LikelihoodContract;

class GaussianLikelihoodProviderTest extends LikelihoodContract<GaussianConfig, GaussianLikelihoodProvider> {
  @Override protected GaussianLikelihoodProvider provider() { return new GaussianLikelihoodProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(Map.of("sigma", 0), Map.of("sigma", -1.5)); }

  @Override protected INDArray data(Kernels k) { return Fixtures.normal(k, 11, BATCH, VALUES).muli(3); }
}
