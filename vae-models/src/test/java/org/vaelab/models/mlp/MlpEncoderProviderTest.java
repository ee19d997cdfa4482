package org.vaelab.models.mlp;

import java.util.List;
import java.util.Map;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.testkit.EncoderContract;

class MlpEncoderProviderTest extends EncoderContract<MlpEncoderConfig, MlpEncoderProvider> {
  @Override protected MlpEncoderProvider provider() { return new MlpEncoderProvider(); }

  @Override protected MlpEncoderConfig tinyConfig() { return new MlpEncoderConfig(List.of(5, 4), 2, Activation.TANH, false, WeightInit.FAN_IN_UNIFORM, List.of()); }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("latentDim", 0), Map.of("hiddenDims", List.of()), Map.of("hiddenDims", List.of(3, -1)),
        Map.of("activation", "softmax"), Map.of("latentDim", "many"));
  }
}
