package org.vaelab.experiments.eval;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.train.Checkpoint;
import org.vaelab.experiments.train.SavedRun;
import org.vaelab.experiments.train.Plugins;
import org.vaelab.experiments.train.VaeModel;
import org.vaelab.losses.estimate.ImportanceWeights;

/**
 * {@code vae eval}: re-evaluates a trained run from its checkpoint on the test set: the
 * importance-sampled log p(x) with k samples and the single-sample bound L_1, optionally logged into
 * the same run (metrics {@code eval/log_px}, {@code eval/log_px_stderr}, {@code eval/elbo_1} at the
 * checkpoint's step) without changing its status.
 */
public final class Evaluate {
  private Evaluate() {}

  /** The figures of one evaluation. */
  public record Result(ImportanceWeights.Summary logPx, ImportanceWeights.Summary elbo1, long step) {}

  public static Result run(ConfigLoader loader, PluginChoice trackerChoice, String runId, int k, int limit, long seed,
      boolean log, PrintStream out) {
    if (k < 1) throw new ConfigException("--k must be >= 1, was " + k);
    if (limit < 0) throw new ConfigException("--limit must be >= 0 (0 = the whole test set), was " + limit);
    try (Tracker tracker = Plugins.openRun(trackerChoice, runId)) {
      SavedRun saved = SavedRun.read(tracker, loader, trackerChoice, runId, List.of(), "--run");
      ExperimentConfig c = saved.config();
      Checkpoint cp = saved.checkpoint();
      Dataset data = Plugins.dataset(c.dataset());
      VaeModel model = saved.model(data, Plugins.kernels(c));
      if (model.encoder().deterministic()) {
        throw new ConfigException("--run: run " + runId + " has a deterministic encoder (" + c.encoder().provider().id()
            + "): there is no posterior to importance-sample, so log p(x) is not estimated");
      }
      INDArray x = data.testX();
      if (limit > 0 && limit < x.size(0)) x = x.get(NDArrayIndex.interval(0, limit), NDArrayIndex.all());
      long t0 = System.nanoTime();
      ImportanceWeights.Summary elbo1;
      ImportanceWeights.Summary logPx;
      try {
        elbo1 = LogLikelihood.estimate(model, x, 1, seed);
        logPx = LogLikelihood.estimate(model, x, k, seed + 1);
      } catch (UnsupportedOperationException e) {
        throw new ConfigException("--run: run " + runId + " cannot be importance-sampled: " + e.getMessage());
      }
      out.printf(Locale.ROOT, "run %s after step %d, %d test examples: log p(x) ≈ %.3f ± %.3f nats (k = %d), "
          + "single-sample ELBO %.3f ± %.3f, %.1f s%n", runId, cp.step(), logPx.examples(), logPx.mean(),
          logPx.standardError(), k, elbo1.mean(), elbo1.standardError(), (System.nanoTime() - t0) / 1e9);
      if (log) {
        tracker.logMetric("eval/log_px", logPx.mean(), cp.step());
        tracker.logMetric("eval/log_px_stderr", logPx.standardError(), cp.step());
        tracker.logMetric("eval/elbo_1", elbo1.mean(), cp.step());
        tracker.setTag("vaelab.eval", "importance-sampled log p(x), k=" + k + ", " + logPx.examples() + " test examples");
      }
      return new Result(logPx, elbo1, cp.step());
    }
  }
}
