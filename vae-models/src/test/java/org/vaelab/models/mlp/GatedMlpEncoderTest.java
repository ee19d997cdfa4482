package org.vaelab.models.mlp;

import java.util.List;
import java.util.Map;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.testkit.EncoderContract;

/** The published protocol's encoder: gated layers, He init, log-variance through hardtanh (narrow here, so it clips). */
class GatedMlpEncoderTest extends EncoderContract<MlpEncoderConfig, MlpEncoderProvider> {
  @Override protected MlpEncoderProvider provider() { return new MlpEncoderProvider(); }

  @Override
  protected MlpEncoderConfig tinyConfig() {
    return new MlpEncoderConfig(List.of(5, 4), 2, Activation.IDENTITY, true, WeightInit.HE_NORMAL, List.of(-0.3, 0.3));
  }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("logVarBounds", List.of(2.0, -6.0)), Map.of("logVarBounds", List.of(1.0)),
        Map.of("weightInit", "xavier"), Map.of("gated", "maybe"));
  }
}
