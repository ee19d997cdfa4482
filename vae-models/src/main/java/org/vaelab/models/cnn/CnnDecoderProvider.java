package org.vaelab.models.cnn;

import java.util.ArrayList;
import java.util.List;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Conv2d;
import org.vaelab.api.engine.ConvGeometry;
import org.vaelab.api.engine.Dense;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.DecoderProvider;
import org.vaelab.api.spi.DecoderShape;

/** The {@code "cnn"} decoder: dense layers to a small feature map, transposed convolutions up. */
public final class CnnDecoderProvider implements DecoderProvider<CnnDecoderConfig> {
  @Override public String id() { return "cnn"; }

  @Override public String description() { return "dense layers to a feature map, transposed convolutions up (images)"; }

  @Override public Class<CnnDecoderConfig> configType() { return CnnDecoderConfig.class; }

  @Override
  public CnnDecoderConfig defaultConfig() {
    return new CnnDecoderConfig(List.of(256), List.of(64, 32), 4, 2, 1, Activation.RELU);
  }

  @Override
  public Layer build(CnnDecoderConfig c, DecoderShape shape) {
    int[] image = CnnChecks.image(shape.data(), "decoder");
    int latentDim = shape.latentDim();
    long outputSize = shape.outputSize();
    int height = image[1];
    int width = image[2];
    int ups = c.channels().size();
    long scale = (long) Math.pow(c.stride(), ups);
    if (height % scale != 0 || width % scale != 0 || outputSize % ((long) height * width) != 0) {
      throw new ConfigException("decoder: a " + height + "x" + width + " image is not a multiple of stride^"
          + ups + " = " + scale + "; use fewer channels entries or another stride");
    }
    int h = (int) (height / scale);
    int w = (int) (width / scale);
    int outChannels = (int) (outputSize / ((long) height * width));
    List<Layer> layers = new ArrayList<>();
    long in = latentDim;
    for (int hidden : c.hiddenDims()) {
      layers.add(new Dense(in, hidden, c.activation()));
      in = hidden;
    }
    layers.add(new Dense(in, (long) c.channels().get(0) * h * w, c.activation()));
    for (int i = 0; i < ups; i++) {
      boolean last = i == ups - 1;
      int out = last ? outChannels : c.channels().get(i + 1);
      ConvGeometry g = new ConvGeometry(c.channels().get(i), h, w, out, c.kernel(), c.stride(), c.padding(), true);
      if (g.outHeight() != h * c.stride() || g.outWidth() != w * c.stride()) {
        throw new ConfigException("decoder: kernel " + c.kernel() + " with stride " + c.stride() + " and padding "
            + c.padding() + " maps " + h + " to " + g.outHeight() + ", not " + h * c.stride()
            + "; use kernel = 2*padding + stride (e.g. kernel 4, padding 1, stride 2)");
      }
      layers.add(new Conv2d(g, last ? Activation.IDENTITY : c.activation()));
      h = g.outHeight();
      w = g.outWidth();
    }
    return new Sequential(layers);
  }
}
