package org.vaelab.api.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loaded dataset: float matrices {@code [n, values]} for train and test, optional labels.
 *
 * @param name         short name, logged as the dataset's name
 * @param source       where it came from (directory, generator and seed), logged
 * @param trainX       training examples, one per row
 * @param trainLabels  class labels of the training examples, or null
 * @param testX        test examples
 * @param testLabels   class labels of the test examples, or null
 * @param imageShape   {channels, height, width} for images, null for tables
 * @param binarization how the training loop binarises the examples
 */
public record Dataset(String name, String source, INDArray trainX, int[] trainLabels, INDArray testX,
    int[] testLabels, int[] imageShape, Binarization binarization) {
  public Dataset {
    if (trainX.rank() != 2 || testX.rank() != 2) throw new IllegalArgumentException("dataset arrays must be 2-D");
    if (trainX.size(0) == 0) throw new IllegalArgumentException("dataset " + name + " has no training examples");
    if (testX.size(0) == 0) throw new IllegalArgumentException("dataset " + name + " has no test examples");
    if (trainX.size(1) != testX.size(1)) {
      throw new IllegalArgumentException("train and test widths differ: " + trainX.size(1) + " vs " + testX.size(1));
    }
  }

  /** One example's shape, as network plugins are built for it. */
  public org.vaelab.api.spi.DataShape shape() {
    return org.vaelab.api.spi.DataShape.of(valuesPerExample(), imageShape);
  }

  public long valuesPerExample() {
    return trainX.size(1);
  }
}
