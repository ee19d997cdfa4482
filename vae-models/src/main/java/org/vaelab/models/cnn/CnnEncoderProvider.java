package org.vaelab.models.cnn;

import java.util.ArrayList;
import java.util.List;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Conv2d;
import org.vaelab.api.engine.ConvGeometry;
import org.vaelab.api.engine.Dense;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.spi.EncoderProvider;

/** The {@code "cnn"} encoder: strided convolutions down, dense layers, Gaussian heads. */
public final class CnnEncoderProvider implements EncoderProvider<CnnEncoderConfig> {
  @Override public String id() { return "cnn"; }

  @Override public String description() { return "strided convolutions, dense layers, Gaussian posterior head (images)"; }

  @Override public Class<CnnEncoderConfig> configType() { return CnnEncoderConfig.class; }

  @Override
  public CnnEncoderConfig defaultConfig() {
    return new CnnEncoderConfig(List.of(32, 64), 4, 2, 1, List.of(256), 20, Activation.RELU);
  }

  @Override
  public Encoder build(CnnEncoderConfig c, DataShape data) {
    return new GaussianPosteriorEncoder(features(CnnChecks.image(data, "encoder"), c.channels(), c.kernel(),
        c.stride(), c.padding(), c.hiddenDims(), c.activation()), c.latentDim());
  }

  /** Strided convolutions on {@code image} ({channels, height, width}), then dense layers: a feature network. */
  public static Sequential features(int[] image, List<Integer> channels, int kernel, int stride, int padding,
      List<Integer> hiddenDims, Activation activation) {
    List<Layer> layers = new ArrayList<>();
    int ch = image[0];
    int h = image[1];
    int w = image[2];
    for (int out : channels) {
      ConvGeometry g;
      try {
        g = new ConvGeometry(ch, h, w, out, kernel, stride, padding, false);
      } catch (IllegalArgumentException e) {
        throw new org.vaelab.api.config.ConfigException("encoder: " + e.getMessage() + " (after " + layers.size()
            + " of " + channels.size() + " convolutions); use fewer channels entries or a smaller stride");
      }
      layers.add(new Conv2d(g, activation));
      ch = out;
      h = g.outHeight();
      w = g.outWidth();
    }
    long width = (long) ch * h * w;
    for (int hidden : hiddenDims) {
      layers.add(new Dense(width, hidden, activation));
      width = hidden;
    }
    return new Sequential(layers);
  }
}
