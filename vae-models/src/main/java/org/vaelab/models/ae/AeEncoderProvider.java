package org.vaelab.models.ae;

import java.util.List;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.DeterministicEncoder;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.spi.EncoderProvider;

/**
 * The {@code "ae"} encoder: a plain autoencoder for comparison. z is the encoder's output, with no
 * noise and no KL term; pair it with any decoder and likelihood.
 */
public final class AeEncoderProvider implements EncoderProvider<AeEncoderConfig> {
  @Override public String id() { return "ae"; }

  @Override public String description() { return "plain autoencoder baseline: z = encoder output, no noise, no KL"; }

  @Override public Class<AeEncoderConfig> configType() { return AeEncoderConfig.class; }

  @Override public AeEncoderConfig defaultConfig() { return new AeEncoderConfig(List.of(400), 20, Activation.RELU); }

  @Override
  public Encoder build(AeEncoderConfig c, DataShape data) {
    List<Integer> hidden = c.hiddenDims();
    int last = hidden.get(hidden.size() - 1);
    return new DeterministicEncoder(Sequential.mlp(data.values(), hidden.subList(0, hidden.size() - 1), last,
        c.activation(), c.activation()), c.latentDim());
  }
}
