package org.vaelab.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.testkit.DatasetContract;

class RingProviderTest extends DatasetContract<RingConfig, RingProvider> {
  @Override protected RingProvider provider() { return new RingProvider(); }

  @Override protected RingConfig smallConfig() { return new RingConfig(50, 10, 0.0, 3); }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("trainSize", 0), Map.of("noise", -0.1), Map.of("testSize", "ten"));
  }

  @Test
  void noiselessPointsLieBetweenRadiusOneAndTheTail() {
    INDArray x = provider().load(new RingConfig(500, 1, 0.0, 1)).trainX();
    for (int i = 0; i < 500; i++) {
      double r = Math.hypot(x.getDouble(i, 0), x.getDouble(i, 1));
      // |x| = 1 + |z|/10 for x = z/10 + z/|z|
      assertEquals(true, r >= 1.0 - 1e-6 && r < 2.0, "radius " + r);
    }
  }
}
