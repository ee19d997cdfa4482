package org.vaelab.experiments.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.experiments.train.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights;

/**
 * Importance-sampled log p(x) with the encoder as proposal (Burda et al. 2015): for each example,
 * log (1/k Σ_j p(x, z_j) / q(z_j|x)) with z_j ~ q(z|x); with k = 1 it is the single-sample ELBO, and
 * it rises towards log p(x) as k grows. Reported as the mean over examples and its standard error.
 */
public final class LogLikelihood {
  private LogLikelihood() {}

  public static ImportanceWeights.Summary estimate(VaeModel model, INDArray x, int k, long seed) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
    if (model.encoder().deterministic()) {
      throw new UnsupportedOperationException("a deterministic encoder has no posterior density to sample from");
    }
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    int n = (int) x.size(0);
    double[] perRow = new double[n];
    int batch = model.maxBatch();
    for (int from = 0; from < n; from += batch) {
      int b = Math.min(batch, n - from);
      // a contiguous copy in the backend's type: the fast kernels need one, and it is reused k times
      INDArray rows = x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all())
          .castTo(model.kernels().dataType()).dup('c');
      ImportanceWeights w = new ImportanceWeights(b);
      double[] lw = new double[b];
      INDArray mu = model.kernels().create(b, model.latentDim());
      INDArray lv = model.kernels().create(b, model.latentDim());
      model.encode(rows, mu, lv);  // once: the proposal is the same for all k samples
      for (int j = 0; j < k; j++) {
        model.logWeightsAt(rows, mu, lv, rng, lw);
        w.add(lw);
      }
      System.arraycopy(w.logMeanExp(), 0, perRow, from, b);
    }
    return ImportanceWeights.Summary.of(perRow, k);
  }
}
