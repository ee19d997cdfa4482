package org.vaelab.models.cnn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.testkit.EncoderContract;

class CnnEncoderProviderTest extends EncoderContract<CnnEncoderConfig, CnnEncoderProvider> {
  @Override protected CnnEncoderProvider provider() { return new CnnEncoderProvider(); }

  @Override protected CnnEncoderConfig tinyConfig() {
    return new CnnEncoderConfig(List.of(2, 3), 3, 2, 1, List.of(4), 2, Activation.TANH);
  }

  @Override protected DataShape tinyShape() { return DataShape.image(2, 6, 5); }


  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("channels", List.of()), Map.of("channels", List.of(0)), Map.of("kernel", 0),
        Map.of("stride", 0), Map.of("padding", -1), Map.of("latentDim", 0), Map.of("hiddenDims", List.of(-2)));
  }

  @Test
  void tableDataAndImagesTooSmallForTheConvolutionsAreClearErrors() {
    CnnEncoderConfig c = provider().defaultConfig();
    assertTrue(assertThrows(ConfigException.class, () -> provider().build(c, DataShape.flat(2))).getMessage()
        .contains("cnn needs image data"));
    CnnEncoderConfig deep = new CnnEncoderConfig(List.of(1, 1, 1, 1, 1, 1), 4, 2, 1, List.of(), 2, Activation.RELU);
    assertTrue(assertThrows(ConfigException.class, () -> provider().build(deep, DataShape.image(1, 28, 28)))
        .getMessage().contains("use fewer channels entries"));
  }
}
