package org.vaelab.experiments.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.experiments.config.ValidationConfig;
import org.vaelab.experiments.data.Binarizer;

/**
 * A dataset with a validation set held out of its training set (once, at the start of a run).
 *
 * @param data        the dataset, its training set without the held-out examples
 * @param validationX the held-out examples (binarised once under dynamic binarisation), or null
 */
public record DataSplit(Dataset data, INDArray validationX) {
  /** Seed of the one-off binarisation of the validation set (the VampPrior code's 777). */
  static final long VALIDATION_BINARIZATION_SEED = 777;

  public static DataSplit of(Dataset d, ValidationConfig v, long runSeed) {
    if (v.size() == 0) return new DataSplit(d, null);
    int n = (int) d.trainX().size(0);
    if (v.size() >= n) {
      throw new ConfigException("training.validation.size: " + v.size() + " must be smaller than the training set ("
          + n + " examples of " + d.name() + ")");
    }
    int[] order = new int[n];
    if (v.split() == ValidationConfig.Split.RANDOM) {
      order = BatchSource.permutation(n, Seeds.derive(runSeed, Seeds.SPLIT, 0));
    } else {
      for (int i = 0; i < n; i++) order[i] = i;
    }
    int kept = n - v.size();
    int[] trainRows = java.util.Arrays.copyOfRange(order, 0, kept);
    int[] validRows = java.util.Arrays.copyOfRange(order, kept, n);
    if (v.split() == ValidationConfig.Split.RANDOM) {
      java.util.Arrays.sort(trainRows);
      java.util.Arrays.sort(validRows);
    }
    // the first rows as they are (no copy: the 50k copy of the protocol was its peak memory), others copied
    INDArray trainX = v.split() == ValidationConfig.Split.RANDOM || !HostArrays.contiguousFromStart(d.trainX())
        ? rows(d.trainX(), trainRows) : d.trainX().get(NDArrayIndex.interval(0, kept), NDArrayIndex.all());
    INDArray validX = rows(d.trainX(), validRows);
    if (d.binarization() == Binarization.DYNAMIC) validX = Binarizer.sample(validX, VALIDATION_BINARIZATION_SEED);
    int[] labels = null;
    if (d.trainLabels() != null) {
      labels = new int[kept];
      for (int i = 0; i < kept; i++) labels[i] = d.trainLabels()[trainRows[i]];
    }
    String source = d.source() + " (validation: " + v.size() + " " + v.split().name().toLowerCase(java.util.Locale.ROOT)
        + " training examples held out)";
    return new DataSplit(new Dataset(d.name(), source, trainX, labels, d.testX(), d.testLabels(), d.imageShape(),
        d.binarization()), validX);
  }

  private static INDArray rows(INDArray x, int[] rows) {
    INDArray out = Nd4j.createUninitialized(x.dataType(), new long[] {rows.length, x.size(1)}, 'c');
    if (x.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT || x.ordering() != 'c' || x.isView()) {
      for (int i = 0; i < rows.length; i++) out.putRow(i, x.getRow(rows[i]));
      return out;
    }
    java.nio.FloatBuffer src = HostArrays.floats(x);
    java.nio.FloatBuffer dst = HostArrays.floats(out);
    int w = (int) x.size(1);
    for (int i = 0; i < rows.length; i++) dst.put(i * w, src, rows[i] * w, w);
    return out;
  }
}
