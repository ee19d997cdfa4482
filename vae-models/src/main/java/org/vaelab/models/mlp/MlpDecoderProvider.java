package org.vaelab.models.mlp;

import java.util.List;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.DecoderProvider;
import org.vaelab.api.spi.DecoderShape;

/** The {@code "mlp"} decoder: dense hidden layers, a linear output of likelihood parameters. */
public final class MlpDecoderProvider implements DecoderProvider<MlpDecoderConfig> {
  @Override public String id() { return "mlp"; }

  @Override public String description() { return "fully connected decoder with a linear output"; }

  @Override public Class<MlpDecoderConfig> configType() { return MlpDecoderConfig.class; }

  @Override
  public MlpDecoderConfig defaultConfig() {
    return new MlpDecoderConfig(List.of(400), Activation.RELU, false, WeightInit.FAN_IN_UNIFORM);
  }

  @Override
  public Layer build(MlpDecoderConfig c, DecoderShape shape) {
    return Sequential.mlp(shape.latentDim(), c.hiddenDims(), shape.outputSize(), c.activation(), Activation.IDENTITY, c.gated(),
        c.weightInit().init);
  }
}
