package org.vaelab.models.mlp;

import java.util.List;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.spi.EncoderProvider;

/** The {@code "mlp"} encoder: dense hidden layers, then linear heads for mean and log-variance. */
public final class MlpEncoderProvider implements EncoderProvider<MlpEncoderConfig> {
  @Override public String id() { return "mlp"; }

  @Override public String description() { return "fully connected encoder with a Gaussian posterior head"; }

  @Override public Class<MlpEncoderConfig> configType() { return MlpEncoderConfig.class; }

  @Override
  public MlpEncoderConfig defaultConfig() {
    return new MlpEncoderConfig(List.of(400), 20, Activation.RELU, false, WeightInit.FAN_IN_UNIFORM, List.of());
  }

  @Override
  public Encoder build(MlpEncoderConfig c, DataShape data) {
    Sequential body = Sequential.hidden(data.values(), c.hiddenDims(), c.activation(), c.gated(), c.weightInit().init);
    return new GaussianPosteriorEncoder(body, c.latentDim(), c.weightInit().init, c.logVarMin(), c.logVarMax());
  }
}
