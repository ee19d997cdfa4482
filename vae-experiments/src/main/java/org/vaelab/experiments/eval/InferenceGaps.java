package org.vaelab.experiments.eval;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.engine.Kernels;
import org.vaelab.experiments.model.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights.Summary;
import org.vaelab.losses.estimate.ImportanceWeights;

/**
 * The inference gap and its two parts (Cremer, Li &amp; Duvenaud 2018), per test point:
 * amortisation gap = L[q*] − L[q] (what the encoder loses against per-datapoint optimisation in the
 * same family, see {@link PosteriorFit}), approximation gap = log p̂(x) − L[q*] (what the family
 * loses against the true posterior), inference gap = their sum. L[·] is the ELBO averaged over
 * {@code elboSamples} posterior samples; log p̂(x) is the importance-sampled bound with {@code k}
 * samples from q* (the better proposal, so the bound is tighter than with q).
 *
 * @param elboQ     L[q] per point
 * @param elboQStar L[q*] per point
 * @param logPx     log p̂(x) per point
 * @param meanSteps mean Adam steps of the per-datapoint optimisation
 */
public record InferenceGaps(double[] elboQ, double[] elboQStar, double[] logPx, double meanSteps) {

  public double[] amortisation() { return minus(elboQStar, elboQ); }

  public double[] approximation() { return minus(logPx, elboQStar); }

  public double[] inference() { return minus(logPx, elboQ); }

  public Summary amortisationSummary() { return Summary.of(amortisation(), 1); }

  public Summary approximationSummary() { return Summary.of(approximation(), 1); }

  public Summary inferenceSummary() { return Summary.of(inference(), 1); }

  public static InferenceGaps estimate(VaeModel model, INDArray x, PosteriorFit.Settings fit, int elboSamples, int k,
      long seed) {
    return estimate(model, x, fit, elboSamples, k, seed, EvalProgress.silent());
  }

  /**
   * As above, reporting each finished batch to {@code progress}. Batches run on one worker per core
   * ({@link EvalWorkers}), each drawing its noise from its own seed, so the result does not depend on
   * how many workers ran.
   */
  public static InferenceGaps estimate(VaeModel model, INDArray x, PosteriorFit.Settings fit, int elboSamples, int k,
      long seed, EvalProgress progress) {
    return estimate(model, x, fit, elboSamples, k, seed, EvalWorkers.threads(), progress);
  }

  /** As above on at most {@code threads} workers. */
  static InferenceGaps estimate(VaeModel model, INDArray x, PosteriorFit.Settings fit, int elboSamples, int k,
      long seed, int threads, EvalProgress progress) {
    int n = (int) x.size(0);
    double[][] out = {new double[n], new double[n], new double[n]};  // L[q], L[q*], log p(x)
    int batch = model.maxBatch();
    int batches = (n + batch - 1) / batch;
    AtomicInteger next = new AtomicInteger();
    AtomicLong steps = new AtomicLong();
    EvalWorkers.run(model, Math.min(threads, batches), batch, "the inference gaps", m -> {
      for (int i = next.getAndIncrement(); i < batches; i = next.getAndIncrement()) {
        int rows = Math.min(batch, n - i * batch);
        steps.addAndGet(batch(m, x, i * batch, rows, fit, elboSamples, k, seed * 1_000_003L + i, out));
        progress.add(rows);
      }
    });
    return new InferenceGaps(out[0], out[1], out[2], batches == 0 ? 0 : steps.get() / (double) batches);
  }

  /** The gaps of rows [from, from + b) into {@code out}; returns the fit's Adam steps. */
  private static int batch(VaeModel model, INDArray x, int from, int b, PosteriorFit.Settings fit, int elboSamples, int k,
      long seed, double[][] out) {
    Kernels kern = model.kernels();
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    INDArray rows;
    synchronized (x) {  // a contiguous copy in the backend's type, as the fast kernels need
      rows = x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()).castTo(kern.dataType()).dup('c');
    }
    INDArray mu = kern.create(b, model.latentDim());
    INDArray lv = kern.create(b, model.latentDim());
    model.encode(rows, mu, lv);
    System.arraycopy(meanElbo(model, rows, mu, lv, elboSamples, rng), 0, out[0], from, b);
    int steps = PosteriorFit.fit(model, rows, mu, lv, fit, rng);
    System.arraycopy(meanElbo(model, rows, mu, lv, elboSamples, rng), 0, out[1], from, b);
    ImportanceWeights w = new ImportanceWeights(b);
    double[] lw = new double[b];
    for (int j = 0; j < k; j++) {
      model.logWeightsAt(rows, mu, lv, rng, lw);
      w.add(lw);
    }
    System.arraycopy(w.logMeanExp(), 0, out[2], from, b);
    return steps;
  }

  private static double[] meanElbo(VaeModel model, INDArray rows, INDArray mu, INDArray lv, int samples, Random rng) {
    long b = rows.size(0);
    INDArray one = model.kernels().create(b);
    double[] sum = new double[(int) b];
    for (int s = 0; s < samples; s++) {
      model.elboAt(rows, mu, lv, rng, one, null, null);
      double[] v = one.toDoubleVector();
      for (int i = 0; i < b; i++) sum[i] += v[i] / samples;
    }
    return sum;
  }

  private static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
    return d;
  }
}
