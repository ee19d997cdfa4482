package org.vaelab.models.mlp;

import java.util.List;
import java.util.Map;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.testkit.DecoderContract;

/** The published protocol's decoder: gated hidden layers with He init. */
class GatedMlpDecoderTest extends DecoderContract<MlpDecoderConfig, MlpDecoderProvider> {
  @Override protected MlpDecoderProvider provider() { return new MlpDecoderProvider(); }

  @Override
  protected MlpDecoderConfig tinyConfig() {
    return new MlpDecoderConfig(List.of(4, 3), Activation.TANH, true, WeightInit.HE_NORMAL);
  }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("weightInit", "zeros"), Map.of("gated", 3));
  }
}
