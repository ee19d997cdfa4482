package org.vaelab.experiments.eval;

import java.util.Arrays;
import java.util.Comparator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.experiments.model.Pictures;
import org.vaelab.experiments.model.VaeModel;

/**
 * Latent traversals: starting from one example's posterior mean, each row varies one latent unit (the
 * most active first) over −3..3 in {@value #STEPS} steps and shows the decoded means.
 */
final class Traversal {
  static final int STEPS = 9;
  static final int ROWS = 8;

  private Traversal() {}

  static byte[] picture(VaeModel model, INDArray start, double[] variances, int[] shape) {
    Integer[] order = new Integer[variances.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble(i -> -variances[i]));
    int rows = Math.min(ROWS, order.length);
    INDArray z = model.kernels().create((long) rows * STEPS, model.latentDim());
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < STEPS; c++) {
        long row = (long) r * STEPS + c;
        z.getRow(row).assign(start);
        z.putScalar(row, order[r], -3.0 + 6.0 * c / (STEPS - 1));
      }
    }
    long values = (long) shape[1] * shape[2];
    INDArray decoded = model.kernels().create(z.size(0), values);
    for (long from = 0; from < z.size(0); from += model.maxBatch()) {
      long b = Math.min(model.maxBatch(), z.size(0) - from);
      INDArray out = model.kernels().create(b, values);
      model.decodeMean(z.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()).dup(), out);
      decoded.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()).assign(out);
    }
    return Pictures.grid(decoded, shape[1], shape[2], STEPS);
  }
}
