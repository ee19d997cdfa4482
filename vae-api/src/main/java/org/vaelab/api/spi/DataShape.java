package org.vaelab.api.spi;

import java.util.Optional;

/**
 * The shape of one example that a network plugin is built for: how many values it has and, for
 * images, their channels × height × width (values in channel-major order).
 *
 * @param values values per example; > 0
 * @param image  the image layout, or empty for tabular data
 */
public record DataShape(long values, Optional<ImageShape> image) {
  /** An image's layout. */
  public record ImageShape(int channels, int height, int width) {
    public ImageShape {
      if (channels < 1 || height < 1 || width < 1) {
        throw new IllegalArgumentException("image shape must be positive, was " + channels + "x" + height + "x" + width);
      }
    }

    /** {channels, height, width}, as the convolution layers take it. */
    public int[] toArray() { return new int[] {channels, height, width}; }
  }

  public DataShape {
    if (values < 1) throw new IllegalArgumentException("values must be > 0, was " + values);
    if (image.isPresent()) {
      ImageShape i = image.get();
      if ((long) i.channels() * i.height() * i.width() != values) {
        throw new IllegalArgumentException("an image of " + i.channels() + "x" + i.height() + "x" + i.width()
            + " has " + ((long) i.channels() * i.height() * i.width()) + " values, not " + values);
      }
    }
  }

  /** Tabular examples of {@code values} values. */
  public static DataShape flat(long values) {
    return new DataShape(values, Optional.empty());
  }

  /** Images of {@code channels} × {@code height} × {@code width}. */
  public static DataShape image(int channels, int height, int width) {
    return new DataShape((long) channels * height * width, Optional.of(new ImageShape(channels, height, width)));
  }

  /** From a dataset's {@code {channels, height, width}} array, null for tabular data. */
  public static DataShape of(long values, int[] imageShape) {
    return imageShape == null ? flat(values) : image(imageShape[0], imageShape[1], imageShape[2]);
  }
}
