package org.vaelab.models.ae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.testkit.EncoderContract;
import org.vaelab.api.testkit.Fixtures;

class AeEncoderProviderTest extends EncoderContract<AeEncoderConfig, AeEncoderProvider> {
  @Override protected AeEncoderProvider provider() { return new AeEncoderProvider(); }

  @Override protected AeEncoderConfig tinyConfig() { return new AeEncoderConfig(List.of(5), 2, Activation.TANH); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("latentDim", 0), Map.of("hiddenDims", List.of()));
  }

  @Test
  void itIsDeterministicWithZeroLogVariance() {
    Kernels k = Fixtures.doubleKernels();
    Encoder e = provider().build(tinyConfig(), DataShape.flat(6));
    ParameterStore.allocate(List.of(e), k).initialise(2);
    e.plan(3, k);
    e.forward(Fixtures.normal(k, 1, 3, 6));
    assertTrue(e.family() instanceof org.vaelab.api.engine.PosteriorFamily.PointMass);
    assertTrue(e.logVar().equals(k.create(3, 2)), "log-variance is zero");
  }
}
