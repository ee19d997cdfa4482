package org.vaelab.experiments.data;

import org.vaelab.api.data.Binarization;

/**
 * Config of the {@code "fashion-mnist"} dataset: any directory of MNIST-format IDX files.
 *
 * @param dir          directory with train-/t10k- images and labels, gzipped or not
 * @param binarization none, dynamic or threshold
 * @param trainLimit   use only the first N training images; 0 = all
 * @param testLimit    use only the first N test images; 0 = all
 */
public record IdxImagesConfig(String dir, Binarization binarization, int trainLimit, int testLimit) {
  public IdxImagesConfig {
    if (dir == null || dir.isBlank()) throw new IllegalArgumentException("dir must not be empty, was '" + dir + "'");
    if (trainLimit < 0) throw new IllegalArgumentException("trainLimit must be >= 0, was " + trainLimit);
    if (testLimit < 0) throw new IllegalArgumentException("testLimit must be >= 0, was " + testLimit);
  }
}
