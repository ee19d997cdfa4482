package org.vaelab.models.codes;

import java.util.List;
import org.vaelab.api.config.LayerSizes;

/**
 * Config of the {@code "codes-ar"} prior.
 *
 * @param hiddenDims widths of the masked MLP's hidden layers (ReLU); at least one
 * @param epochs     passes over the training set's codes when it is fitted after training; >= 1
 * @param batchSize  code rows per Adam step while fitting; in [1, 10000]
 * @param lr         Adam's learning rate while fitting; > 0
 */
public record ArCodePriorConfig(List<Integer> hiddenDims, int epochs, int batchSize, double lr) {
  public ArCodePriorConfig {
    hiddenDims = LayerSizes.nonEmptyPositive("hiddenDims", hiddenDims);
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("batchSize must be in [1, 10000], was " + batchSize);
    if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, was " + lr);
  }
}
