package org.vaelab.models.cnn;

import java.util.List;
import org.vaelab.api.config.ConfigException;

/** Validation shared by the CNN configs and builders. */
final class CnnChecks {
  private CnnChecks() {}

  static void checkConv(List<Integer> channels, int kernel, int stride, int padding) {
    if (channels.isEmpty()) throw new IllegalArgumentException("channels must not be empty, was []");
    for (int c : channels) if (c <= 0) throw new IllegalArgumentException("channels must all be > 0, was " + channels);
    if (kernel <= 0) throw new IllegalArgumentException("kernel must be > 0, was " + kernel);
    if (stride <= 0) throw new IllegalArgumentException("stride must be > 0, was " + stride);
    if (padding < 0) throw new IllegalArgumentException("padding must be >= 0, was " + padding);
  }

  static void checkHidden(List<Integer> hiddenDims) {
    org.vaelab.api.config.LayerSizes.positive("hiddenDims", hiddenDims);
  }

  /** {channels, height, width}, or an error saying the model needs images. */
  static int[] image(org.vaelab.api.spi.DataShape data, String kind) {
    return data.image().orElseThrow(() -> new ConfigException(kind
        + ".type: cnn needs image data (this dataset has no image shape); use mlp")).toArray();
  }
}
