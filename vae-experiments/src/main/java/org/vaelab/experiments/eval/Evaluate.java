package org.vaelab.experiments.eval;

import java.io.PrintStream;
import java.util.List;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.model.Checkpoint;
import org.vaelab.experiments.model.Plugins;
import org.vaelab.experiments.model.SavedRun;
import org.vaelab.experiments.model.VaeModel;

/**
 * {@code vae eval}: re-evaluates a trained run from its checkpoint with the full {@link Protocol}
 * (importance-sampled log p(x) with k samples, single-sample ELBO, inference gaps on the first
 * {@code gapPoints} test points, active units, linear probe, pictures), optionally logged into the
 * same run as {@code eval/...} at the checkpoint's step, without changing its status.
 */
public final class Evaluate {
  private Evaluate() {}

  public static Protocol.Result run(ConfigLoader loader, PluginChoice trackerChoice, String runId, int k, int limit,
      int gapPoints, long seed, boolean log, PrintStream out) {
    if (k < 1) throw new ConfigException("--k must be >= 1, was " + k);
    if (limit < 0) throw new ConfigException("--limit must be >= 0 (0 = the whole test set), was " + limit);
    if (gapPoints < 0) throw new ConfigException("--gap-points must be >= 0 (0 = no gaps), was " + gapPoints);
    try (Tracker tracker = Plugins.openRun(trackerChoice, runId)) {
      SavedRun saved = SavedRun.read(tracker, loader, trackerChoice, runId, List.of(), "--run");
      ExperimentConfig c = saved.config();
      Checkpoint cp = saved.checkpoint();
      Dataset data = saved.dataset();
      VaeModel model = saved.evaluatedModel(data, Plugins.kernels(c), tracker);
      if (!model.family().hasDensity()) {
        out.println("run " + runId + "'s posterior is " + model.family().describe() + " (" + c.encoder().provider().id()
            + " encoder): there is no density to importance-sample, so log p(x) and the inference gaps are not applicable");
      }
      var e = c.evaluation();
      var settings = new Protocol.Settings(k, limit, gapPoints, e.gapLr(), e.gapMaxSteps(), e.collapseKl(), true);
      out.println("run " + runId + " after step " + cp.step() + ":");
      Protocol.Result r = Protocol.run(model, data, settings, seed, log ? tracker : null, cp.step(), "eval", out);
      if (log) tracker.setTag(Tags.EVAL, "vae eval: k=" + k + ", " + (limit == 0 ? "all" : limit)
          + " test examples, gaps on " + gapPoints + " points");
      return r;
    }
  }
}
