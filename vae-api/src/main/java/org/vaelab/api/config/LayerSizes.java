package org.vaelab.api.config;

import java.util.List;

/** Checks for the layer-size lists of plugin configs, with the messages every config gives. */
public final class LayerSizes {
  private LayerSizes() {}

  /** Fails unless every width in {@code field} is > 0. */
  public static List<Integer> positive(String field, List<Integer> widths) {
    for (int h : widths) if (h <= 0) throw new IllegalArgumentException(field + " must all be > 0, was " + widths);
    return List.copyOf(widths);
  }

  /** Fails unless {@code field} has at least one width and every width is > 0. */
  public static List<Integer> nonEmptyPositive(String field, List<Integer> widths) {
    if (widths.isEmpty()) throw new IllegalArgumentException(field + " must not be empty, was []");
    return positive(field, widths);
  }
}
