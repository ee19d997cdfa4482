package org.vaelab.models.mlp;

import java.util.List;
import java.util.Map;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.testkit.DecoderContract;

class MlpDecoderProviderTest extends DecoderContract<MlpDecoderConfig, MlpDecoderProvider> {
  @Override protected MlpDecoderProvider provider() { return new MlpDecoderProvider(); }

  @Override protected MlpDecoderConfig tinyConfig() { return new MlpDecoderConfig(List.of(4), Activation.ELU, false, WeightInit.FAN_IN_UNIFORM); }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("hiddenDims", List.of(0)), Map.of("activation", 3));
  }
}
