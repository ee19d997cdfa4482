package org.vaelab.experiments.eval;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.experiments.model.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights;

/**
 * Importance-sampled log p(x) with the encoder as proposal (Burda et al. 2015): for each example,
 * log (1/k Σ_j p(x, z_j) / q(z_j|x)) with z_j ~ q(z|x); with k = 1 it is the single-sample ELBO, and
 * it rises towards log p(x) as k grows. Reported as the mean over examples and its standard error.
 *
 * <p>Batches of rows are independent, so they run on one worker per core when the backend and the
 * model allow it ({@code -Dvaelab.evalThreads=N} caps the count). Each batch draws its noise from its
 * own seed, and even a single worker gets its own single-threaded products (OpenBLAS's two-thread
 * products round differently when the inner dimension is long, measured for 784), so the result does
 * not depend on how many workers ran. A worker's model holds several samples of its batch per call
 * (about {@link #ROWS_PER_CALL} rows): larger products run faster, and the noise is drawn in the same
 * order as one sample a call.
 */
public final class LogLikelihood {
  /** Rows of one decoder call on a worker: case 4 took 177, 168, 159 and 158–161 s with 64, 128, 256 and 512. */
  static final int ROWS_PER_CALL = 512;

  private LogLikelihood() {}

  public static ImportanceWeights.Summary estimate(VaeModel model, INDArray x, int k, long seed) {
    return estimate(model, x, k, seed, EvalProgress.silent());
  }

  /** As above, reporting each finished batch to {@code progress}. */
  public static ImportanceWeights.Summary estimate(VaeModel model, INDArray x, int k, long seed, EvalProgress progress) {
    return estimate(model, x, k, seed, EvalWorkers.threads(), progress);
  }

  /** As above on at most {@code threads} worker threads. */
  public static ImportanceWeights.Summary estimate(VaeModel model, INDArray x, int k, long seed, int threads) {
    return estimate(model, x, k, seed, threads, EvalProgress.silent());
  }

  private static ImportanceWeights.Summary estimate(VaeModel model, INDArray x, int k, long seed, int threads,
      EvalProgress progress) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
    if (!model.family().hasDensity()) {
      throw new UnsupportedOperationException("the posterior is " + model.family().describe() + ": no density to sample from");
    }
    int n = (int) x.size(0);
    double[] perRow = new double[n];
    int batches = (n + model.maxBatch() - 1) / model.maxBatch();
    int images = model.maxBatch();
    // a replica plans its objective's samples x rows too: stay inside the cap a training config has
    int copies = Math.max(1, Math.min(ROWS_PER_CALL / images,
        VaeModel.MAX_SAMPLE_ROWS / (model.trainingSamples() * images)));
    AtomicInteger next = new AtomicInteger();
    EvalWorkers.run(model, Math.min(threads, batches), copies * images, "log p(x)",
        m -> new Batches(m, images, x, k, seed, perRow, progress).drain(next));
    return ImportanceWeights.Summary.of(perRow, k);
  }

  /**
   * One worker: takes batch indices from a shared counter until none are left; a batch is {@code batch}
   * images, and {@code model} holds whole copies of it, one sample each.
   */
  private record Batches(VaeModel model, int batch, INDArray x, int k, long seed, double[] perRow,
      EvalProgress progress) {
    void drain(AtomicInteger next) {
      int n = (int) x.size(0);
      int copies = Math.max(1, model.maxBatch() / batch);
      for (int i = next.getAndIncrement(); (long) i * batch < n; i = next.getAndIncrement()) {
        int from = i * batch;
        int b = Math.min(batch, n - from);
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + i);
        // a contiguous copy in the backend's type: the fast kernels need one, and it is reused k times
        INDArray rows;
        synchronized (x) {
          rows = x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()).castTo(model.kernels().dataType()).dup('c');
        }
        ImportanceWeights w = new ImportanceWeights(b);
        INDArray mu = model.kernels().create(b, model.latentDim());
        INDArray lv = model.kernels().create(b, model.latentDim());
        model.encode(rows, mu, lv);  // once: the proposal is the same for all k samples
        int c = Math.min(copies, k);
        INDArray xs = tiled(rows, c);
        INDArray mus = tiled(mu, c);
        INDArray lvs = tiled(lv, c);
        double[] lw = new double[c * b];
        for (int j = 0; j < k; j += c) {
          int now = Math.min(c, k - j);
          if (now < c) {
            xs = firstRows(xs, now * b);
            mus = firstRows(mus, now * b);
            lvs = firstRows(lvs, now * b);
          }
          model.logWeightsAt(xs, mus, lvs, rng, lw);
          for (int s = 0; s < now; s++) w.add(lw, s * b);
        }
        System.arraycopy(w.logMeanExp(), 0, perRow, from, b);
        progress.add(b);
      }
    }

    /** {@code copies} copies of {@code a} one below the other, contiguous. */
    private static INDArray tiled(INDArray a, int copies) {
      return copies == 1 ? a : Nd4j.tile(a, copies, 1).dup('c');
    }

    private static INDArray firstRows(INDArray a, int rows) {
      return a.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()).dup('c');
    }
  }
}
