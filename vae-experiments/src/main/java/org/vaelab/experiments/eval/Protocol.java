package org.vaelab.experiments.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.track.LoggedImages;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.EvaluationConfig;
import org.vaelab.experiments.model.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights.Summary;

/**
 * The evaluation protocol of a trained model on (a prefix of) the test set: importance-sampled
 * log p(x) and the single-sample ELBO ({@link LogLikelihood}), the amortisation, approximation and
 * inference gaps ({@link InferenceGaps}), active units and the mean KL with a posterior-collapse
 * warning, codebook statistics for encoders that report them; with {@code full}, also a linear probe
 * ({@link LinearProbe}) and pictures: latent scatter, latent traversals, histogram of per-point gaps.
 * Metrics are logged as {@code <prefix>/<name>} at the given step.
 */
public final class Protocol {
  /** Training examples the linear probe learns from. */
  static final int PROBE_TRAIN = 10_000;

  private Protocol() {}

  /** How much to measure; 0 examples means the whole test set, 0 gap points no gaps. */
  public record Settings(int k, int examples, int gapPoints, double gapLr, int gapMaxSteps, double collapseKl,
      boolean full) {
    /** The cheap in-training settings of {@code e}. */
    public static Settings during(EvaluationConfig e) {
      return new Settings(e.k(), e.examples(), e.gapPoints(), e.gapLr(), e.gapMaxSteps(), e.collapseKl(), false);
    }

    /** The final protocol of {@code e}. */
    public static Settings atEnd(EvaluationConfig e) {
      return new Settings(e.finalK(), e.finalExamples(), e.finalGapPoints(), e.gapLr(), e.gapMaxSteps(),
          e.collapseKl(), true);
    }
  }

  /** Everything measured, by metric name (without the prefix), and the warnings raised. */
  public record Result(Map<String, Double> metrics, List<String> warnings) {}

  public static Result run(VaeModel model, Dataset data, Settings s, long seed, Tracker tracker, long step,
      String prefix, PrintStream out) {
    long t0 = System.nanoTime();
    INDArray x = prefixRows(data.testX(), s.examples());
    int n = (int) x.size(0);
    Map<String, Double> m = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    INDArray means = LatentMeans.of(model, x);
    double[] variances = LatentMeans.variances(means);
    int active = LatentMeans.activeUnits(variances);
    m.put("active_units", (double) active);
    if (model.flow().topLatentDim() > 0) {
      int[] perLayer = LatentMeans.activeUnitsPerLayer(model, means);
      m.put("active_units_z1", (double) perLayer[0]);
      m.put("active_units_z2", (double) perLayer[1]);
    }
    double kl = meanKl(model, x, seed);
    m.put("kl", kl);
    boolean stochastic = model.family().hasDensity();
    InferenceGaps gaps = null;
    String notApplicable = stochastic ? null : "the posterior is " + model.family().describe() + " (no density), so log p(x) "
        + "and the amortisation/approximation gaps are not defined";
    if (stochastic) {
      try {
        put(m, "elbo_1", LogLikelihood.estimate(model, x, 1, seed + 1));
        put(m, "log_px", LogLikelihood.estimate(model, x, s.k(), seed + 2,
            EvalProgress.to(out, prefix + " log p(x), k = " + s.k(), n)));
        int trained = model.trainingSamples();
        if (trained > 1) put(m, "iwae_" + trained, LogLikelihood.estimate(model, x, trained, seed + 4));
        if (s.gapPoints() > 0) {
          INDArray gapRows = prefixRows(x, s.gapPoints());
          gaps = InferenceGaps.estimate(model, gapRows, PosteriorFit.Settings.cremer(s.gapLr(), s.gapMaxSteps()), 100,
              s.k(), seed + 3, EvalProgress.to(out, prefix + " gaps (per-point fits)", gapRows.size(0)));
          put(m, "amortisation_gap", gaps.amortisationSummary());
          put(m, "approximation_gap", gaps.approximationSummary());
          put(m, "inference_gap", gaps.inferenceSummary());
          m.put("gap_fit_steps", gaps.meanSteps());
          if (tracker != null) tracker.setTag(Tags.GAP_FAMILY, gapFamily(model));
        }
      } catch (UnsupportedOperationException e) {
        notApplicable = e.getMessage() + ", so log p(x) and the gaps cannot be estimated";
      }
      if (active * 2 < model.latentDim() || kl < s.collapseKl()) {
        warnings.add(String.format(Locale.ROOT, "posterior collapse: %d of %d latent units active (Cov_x E[z_u] > %.2f),"
            + " KL %.3f nats per example (threshold %.3f)", active, model.latentDim(), LatentMeans.ACTIVE_THRESHOLD,
            kl, s.collapseKl()));
      }
    }
    if (model.family() instanceof org.vaelab.api.engine.PosteriorFamily.Categorical) {
      m.putAll(CodeMetrics.of(model, x, seed + 5));
    }
    if (notApplicable != null) {
      out.println(prefix + ": not applicable: " + notApplicable);
      if (tracker != null) tracker.setTag(Tags.GAPS, "not applicable: " + notApplicable);
    }
    model.encoder().forward(prefixRows(x, model.maxBatch()));
    model.encoder().diagnostics().forEach((key, value) -> m.put(key, value));
    if (s.full() && data.trainLabels() != null && data.testLabels() != null) {
      INDArray trainMeans = LatentMeans.of(model, prefixRows(data.trainX(), PROBE_TRAIN));
      int[] trainLabels = java.util.Arrays.copyOf(data.trainLabels(), (int) trainMeans.size(0));
      m.put("probe_accuracy", LinearProbe.accuracy(trainMeans, trainLabels, means,
          java.util.Arrays.copyOf(data.testLabels(), n)));
    }
    if (s.full() && SampleQuality.applies(data)) m.putAll(SampleQuality.measure(model, data, seed + 6, out));
    m.put("seconds", (System.nanoTime() - t0) / 1e9);
    if (tracker != null) {
      m.forEach((key, value) -> tracker.logMetric(prefix + "/" + key, value, step));
      if (!warnings.isEmpty()) tracker.setTag(Tags.COLLAPSE, String.join("; ", warnings));
      if (s.full()) logPictures(model, data, means, gaps, tracker, step);
    }
    out.println(line(prefix, m, n, s));
    for (String w : warnings) out.println("warning: " + w);
    return new Result(m, warnings);
  }

  /** The end-of-run pictures as artifacts; the gap histogram also as an MLflow image at {@code step}. */
  private static void logPictures(VaeModel model, Dataset data, INDArray means, InferenceGaps gaps, Tracker tracker,
      long step) {
    LatentPictures.of(model, data, means).forEach((name, png) -> tracker.logArtifact(name + ".png", png));
    if (gaps != null) {
      byte[] png = Plots.histogram(gaps.amortisation(), 40, "amortisation gap per test point, nats (L[q*] - L[q])");
      tracker.logArtifact("gap_histogram.png", png);
      LoggedImages.log(tracker, "gap_histogram", step, png);
    }
  }

  /** What q* ranges over in the gaps: the Gaussian, or the Gaussian under the trained (shared) flow. */
  static String gapFamily(VaeModel model) {
    int steps = model.flow().steps();
    return steps == 0 ? "gaussian: per-datapoint mean and log-variance"
        : "gaussian through the trained " + steps + "-step flow: per-datapoint base mean and log-variance, the flow's"
            + " parameters (shared by all data points) held fixed";
  }

  private static double meanKl(VaeModel model, INDArray x, long seed) {
    var rng = org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(seed);
    double kl = 0;
    for (long from = 0; from < x.size(0); from += model.maxBatch()) {
      long b = Math.min(model.maxBatch(), x.size(0) - from);
      kl += model.evaluate(x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()), rng, null, null).kl();
    }
    return kl / x.size(0);
  }

  private static INDArray prefixRows(INDArray x, long rows) {
    if (rows <= 0 || rows >= x.size(0)) return x;
    return x.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
  }

  private static void put(Map<String, Double> m, String name, Summary s) {
    m.put(name, s.mean());
    m.put(name + "_stderr", s.standardError());
  }

  private static String line(String prefix, Map<String, Double> m, int n, Settings s) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s on %d test examples:", prefix, n));
    if (m.containsKey("log_px")) {
      b.append(String.format(Locale.ROOT, " log p(x) ≈ %.2f ± %.2f (k = %d), ELBO %.2f", m.get("log_px"),
          m.get("log_px_stderr"), s.k(), m.get("elbo_1")));
    }
    if (m.containsKey("amortisation_gap")) {
      b.append(String.format(Locale.ROOT, ", gaps: amortisation %.2f ± %.2f, approximation %.2f ± %.2f",
          m.get("amortisation_gap"), m.get("amortisation_gap_stderr"), m.get("approximation_gap"),
          m.get("approximation_gap_stderr")));
    }
    if (m.containsKey("nll_bound")) {
      b.append(String.format(Locale.ROOT, " -log p(x) <= %.2f nats, %.4f bits/dim (uniform code prior: %.2f, %.4f);"
          + " codebook perplexity %.1f, %.0f%% of codes used", m.get("nll_bound"), m.get("bpd_bound"),
          m.get("nll_bound_uniform"), m.get("bpd_bound_uniform"), m.get("codebook_perplexity"),
          100 * m.get("codebook_usage")));
    }
    b.append(String.format(Locale.ROOT, ", %d active units, KL %.2f", m.get("active_units").intValue(), m.get("kl")));
    if (m.containsKey("sample_fd")) {
      b.append(String.format(Locale.ROOT, ", samples: Fréchet distance %.2f, classifier score %.2f", m.get("sample_fd"),
          m.get("sample_score")));
    }
    if (m.containsKey("probe_accuracy")) b.append(String.format(Locale.ROOT, ", probe accuracy %.3f", m.get("probe_accuracy")));
    return b.append(String.format(Locale.ROOT, " (%.1f s)", m.get("seconds"))).toString();
  }
}
