package org.vaelab.models.vq;

import java.util.List;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.spi.EncoderProvider;
import org.vaelab.models.cnn.CnnEncoderProvider;

/** The {@code "vq"} encoder: VQ-VAE latents on an MLP or CNN backbone. */
public final class VqEncoderProvider implements EncoderProvider<VqEncoderConfig> {
  @Override public String id() { return "vq"; }

  @Override public String description() { return "vector-quantised latents (VQ-VAE): codebook, straight-through, commitment, optional EMA"; }

  @Override public Class<VqEncoderConfig> configType() { return VqEncoderConfig.class; }

  @Override
  public VqEncoderConfig defaultConfig() {
    return new VqEncoderConfig("mlp", List.of(400), List.of(32, 64), 4, 2, 1, Activation.RELU, 8, 16, 128, 0.25, false,
        0.99, 0);
  }

  @Override
  public Encoder build(VqEncoderConfig c, DataShape data) {
    Layer body;
    if (c.backbone().equals("cnn")) {
      int[] imageShape = data.image().orElseThrow(() -> new ConfigException("encoder.backbone: cnn needs image data; use mlp"))
          .toArray();
      body = CnnEncoderProvider.features(imageShape, c.channels(), c.kernel(), c.stride(), c.padding(), c.hiddenDims(),
          c.activation());
    } else {
      List<Integer> h = c.hiddenDims();
      body = Sequential.mlp(data.values(), h.subList(0, h.size() - 1), h.get(h.size() - 1), c.activation(), c.activation());
    }
    return new VqEncoder(body, c);
  }
}
