package org.vaelab.models.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.spi.DecoderShape;
import org.vaelab.api.testkit.DecoderContract;

class CnnDecoderProviderTest extends DecoderContract<CnnDecoderConfig, CnnDecoderProvider> {
  @Override protected CnnDecoderProvider provider() { return new CnnDecoderProvider(); }

  @Override protected CnnDecoderConfig tinyConfig() {
    return new CnnDecoderConfig(List.of(3), List.of(3, 2), 4, 2, 1, Activation.TANH);
  }

  @Override protected DecoderShape tinyShape() { return new DecoderShape(LATENT, DataShape.image(1, 8, 4), 1); }


  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("channels", List.of()), Map.of("kernel", -1), Map.of("hiddenDims", List.of(0)));
  }

  @Test
  void theDefaultDecodesTo28By28AndBadGeometriesAreNamed() {
    assertEquals(784, provider().build(provider().defaultConfig(), new DecoderShape(20, DataShape.image(1, 28, 28), 1)).outputSize());
    assertTrue(assertThrows(ConfigException.class,
        () -> provider().build(provider().defaultConfig(), new DecoderShape(20, DataShape.image(1, 30, 30), 1))).getMessage()
        .contains("not a multiple of stride^2 = 4"));
    CnnDecoderConfig odd = new CnnDecoderConfig(List.of(), List.of(4), 3, 2, 0, Activation.RELU);
    assertTrue(assertThrows(ConfigException.class, () -> provider().build(odd, new DecoderShape(2, DataShape.image(1, 8, 8), 1)))
        .getMessage().contains("use kernel = 2*padding + stride"));
  }
}
