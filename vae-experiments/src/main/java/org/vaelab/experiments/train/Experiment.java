package org.vaelab.experiments.train;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.Kernels;
import org.vaelab.experiments.backend.VectorKernels;
import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.spi.PluginOrigin;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.config.Yaml;
import org.vaelab.experiments.model.Checkpoint;
import org.vaelab.experiments.model.DataSplit;
import org.vaelab.experiments.model.Plugins;
import org.vaelab.experiments.model.SavedRun;
import org.vaelab.experiments.model.Seeds;
import org.vaelab.experiments.model.VaeModel;

/** Entry points for one training run: start a new run, or resume one from its checkpoint. */
public final class Experiment {
  private Experiment() {}

  /** Where console output goes; {@code terminal} turns the live progress line on. */
  public record Console(PrintStream out, boolean terminal) {}

  /** Trains a new run of {@code c}. */
  public static RunSummary train(ExperimentConfig c, Console console) {
    return train(c, console, Map.of(), Map.of());
  }

  /** Trains a new run of {@code c} with extra tags (a sweep's trial) and extra params (keys other trials have). */
  public static RunSummary train(ExperimentConfig c, Console console, Map<String, String> extraTags,
      Map<String, String> extraParams) {
    return train(c, console, extraTags, extraParams, EpochCheck.NEVER);
  }

  /** As above, stopping early when {@code check} says so after an evaluation (sweep pruning). */
  public static RunSummary train(ExperimentConfig c, Console console, Map<String, String> extraTags,
      Map<String, String> extraParams, EpochCheck check) {
    DataSplit split = DataSplit.of(Plugins.dataset(c.dataset()), c.training().validation(), c.seed());
    Dataset data = split.data();
    Kernels kernels = Plugins.kernels(c);
    VaeModel model = Plugins.model(c, data, kernels);
    model.parameters().initialise(Seeds.derive(c.seed(), Seeds.INIT, 0));
    Tracker tracker = start(c, split, kernels, c.name(), extraTags, extraParams);
    console.out().println("run " + tracker.runId() + " in " + tracker.location());
    Trainer trainer = new Trainer(c, split, model, kernels, tracker, new Progress(console.out(), console.terminal()));
    trainer.setEpochCheck(check);
    return runToEnd(trainer, tracker, 0, 0);
  }

  /**
   * A new run with the config (seed included) that run {@code runId} saved, plus {@code overrides}:
   * a run reproduced from the tracker alone. Tagged {@code vaelab.reproduces} with the source run.
   */
  public static RunSummary reproduce(ConfigLoader loader, PluginChoice trackerChoice, String runId,
      List<String> overrides, Console console) {
    ExperimentConfig c;
    try (Tracker source = Plugins.openRun(trackerChoice, runId)) {
      c = SavedRun.config(source, loader, trackerChoice, runId, overrides, "--from-run");
    }
    console.out().println("reproducing run " + runId + " (its saved config and seed)");
    return train(c, console, Map.of(Tags.REPRODUCES, runId), Map.of(), EpochCheck.NEVER);
  }

  /**
   * A second stage on a finished VQ-VAE run: a new run, child of {@code runId}, with its config and
   * weights and the prior over codes replaced by {@code codes-ar} (plus {@code overrides}), fitted on
   * the codes, then pictures, final evaluation and logged models as at the end of training.
   */
  public static RunSummary fitPrior(ConfigLoader loader, PluginChoice trackerChoice, String runId, List<String> overrides,
      Console console) {
    SavedRun saved;
    ExperimentConfig c;
    DataSplit split;
    Kernels kernels;
    VaeModel trained;
    try (Tracker source = Plugins.openRun(trackerChoice, runId)) {
      saved = SavedRun.read(source, loader, trackerChoice, runId, List.of(), "--fit-prior");
      List<String> all = new java.util.ArrayList<>(List.of("prior={type: codes-ar}"));
      all.addAll(overrides);
      c = SavedRun.config(source, loader, trackerChoice, runId, all, "--fit-prior");
      split = DataSplit.of(Plugins.dataset(c.dataset()), c.training().validation(), c.seed());
      kernels = Plugins.kernels(c);
      trained = saved.evaluatedModel(split.data(), kernels, source);
    }
    if (!(trained.family() instanceof org.vaelab.api.engine.PosteriorFamily.Categorical)) {
      throw new ConfigException("--fit-prior: run " + runId + "'s posterior is " + trained.family().describe() + " ("
          + saved.config().encoder().provider().id() + " encoder): it has no codes to fit a prior over; train with"
          + " encoder.type: vq");
    }
    VaeModel model = Plugins.model(c, split.data(), kernels);
    model.parameters().initialise(Seeds.derive(c.seed(), Seeds.INIT, 0));
    model.assignAllButPrior(trained);
    Tracker tracker = start(c, split, kernels, c.name() + "-code-prior",
        Map.of(Tags.PARENT_RUN, runId, Tags.FITS_PRIOR_OF, runId), Map.of());
    console.out().println("run " + tracker.runId() + " in " + tracker.location() + ": the prior over codes of run " + runId);
    Trainer trainer = new Trainer(c, split, model, kernels, tracker, new Progress(console.out(), console.terminal()));
    trainer.continueAfter(saved.checkpoint());
    return runToEnd(trainer, tracker, c.training().epochs(), 0);
  }

  /** A new run of {@code c}: its tags, params, dataset inputs and resolved config logged. */
  private static Tracker start(ExperimentConfig c, DataSplit split, Kernels kernels, String name,
      Map<String, String> extraTags, Map<String, String> extraParams) {
    Dataset data = split.data();
    Map<String, String> tags = tags(c, data, kernels);
    tags.putAll(extraTags);
    Tracker tracker = Plugins.startRun(c.tracker(), new RunSpec(c.experiment(), name, tags));
    Map<String, String> params = new LinkedHashMap<>(extraParams);
    params.putAll(c.toParams());
    tracker.logParams(params);
    tracker.logDataset(data.name(), DatasetDigest.of(data), data.source());
    if (split.validationX() != null) {
      tracker.logDatasetInput(data.name() + "-validation", DatasetDigest.of(split.validationX()), data.source(), "validation");
    }
    tracker.logDatasetInput(data.name() + "-test", DatasetDigest.of(data.testX()), data.source(), "test");
    tracker.logArtifact(SavedRun.CONFIG_ARTIFACT, Yaml.dump(c.toMap()).getBytes(StandardCharsets.UTF_8));
    return tracker;
  }

  /** Continues run {@code runId} from its last checkpoint, with {@code overrides} applied to its saved config. */
  public static RunSummary resume(ConfigLoader loader, PluginChoice trackerChoice, String runId, List<String> overrides,
      Console console) {
    Tracker tracker = new ResumedTracker(Plugins.resumeRun(trackerChoice, runId));
    SavedRun saved = SavedRun.read(tracker, loader, trackerChoice, runId, overrides, "--resume");
    ExperimentConfig c = saved.config();
    Checkpoint cp = saved.checkpoint();
    boolean stoppedEarly = cp.stopping() != null && cp.stopping().stopped();
    boolean trained = stoppedEarly || cp.epochsDone() >= c.training().epochs();
    // a run killed during its final evaluation (the only step that logs eval/seconds) finishes it now
    boolean evaluationLeft = trained && c.evaluation().atEnd() && tracker.lastStep("eval/seconds") < 0;
    if (stoppedEarly && !evaluationLeft) {
      tracker.finish(RunStatus.FINISHED);
      throw new ConfigException("--resume: run " + runId + " stopped early at epoch " + cp.epochsDone()
          + " (its best epoch was " + cp.stopping().bestEpoch() + "); evaluate it with: vae eval --run " + runId);
    }
    if (trained && !evaluationLeft) {
      tracker.finish(RunStatus.FINISHED);
      throw new ConfigException("--resume: run " + runId + " already has " + cp.epochsDone()
          + " epochs; pass --set training.epochs=N with N > " + cp.epochsDone() + " to train further");
    }
    DataSplit split = DataSplit.of(Plugins.dataset(c.dataset()), c.training().validation(), c.seed());
    Kernels kernels = Plugins.kernels(c);
    VaeModel model = saved.model(split.data(), kernels);
    Trainer trainer = new Trainer(c, split, model, kernels, tracker, new Progress(console.out(), console.terminal()));
    trainer.restore(cp);
    tracker.logArtifact(SavedRun.CONFIG_ARTIFACT, Yaml.dump(c.toMap()).getBytes(StandardCharsets.UTF_8));
    if (evaluationLeft) {
      console.out().println("run " + runId + " has trained (" + cp.epochsDone() + " epochs"
          + (stoppedEarly ? ", stopped early" : "") + ") but its final evaluation did not finish: running it");
      return runToEnd(trainer, tracker, -1, 0);
    }
    console.out().println("resuming run " + runId + " after epoch " + cp.epochsDone()
        + (cp.stepsInEpoch() > 0 ? ", batch " + cp.stepsInEpoch() + " of epoch " + (cp.epochsDone() + 1) : ""));
    return runToEnd(trainer, tracker, cp.epochsDone(), cp.stepsInEpoch());
  }

  /** Trains from {@code startEpoch} (-1: training is done), then the best weights, pictures and final evaluation. */
  private static RunSummary runToEnd(Trainer trainer, Tracker tracker, int startEpoch, int skipSteps) {
    Thread killed = new Thread(() -> {
      tracker.setTag(Tags.NOTE, "killed: the process was interrupted (Ctrl-C or SIGTERM)");
      tracker.finish(RunStatus.KILLED);
    }, "run-killed");
    Runtime.getRuntime().addShutdownHook(killed);
    StopRequest.install(System.err);
    SystemMetrics system = SystemMetrics.start(tracker);
    try {
      long began = System.nanoTime();
      RunSummary s = startEpoch < 0 ? null : trainer.run(startEpoch, skipSteps);
      trainer.useBestWeights();
      trainer.fitCodePrior();
      trainer.logPictures();
      trainer.finalEvaluation();
      system.close();
      tracker.finish(RunStatus.FINISHED);
      return s != null ? s
          : new RunSummary(tracker.runId(), tracker.location(), 0, Double.NaN, 0, (System.nanoTime() - began) / 1e9);
    } catch (Trainer.Stopped e) {
      system.close();
      tracker.setTag(Tags.NOTE, "killed: " + e.getMessage() + "; continue with: vae train --resume "
          + tracker.runId());
      tracker.finish(RunStatus.KILLED);
      throw new RunStopped("run " + tracker.runId() + " " + e.getMessage() + "; continue with: vae train --resume "
          + tracker.runId());
    } catch (RuntimeException e) {
      system.close();
      try {
        tracker.setTag(Tags.NOTE, "failed: " + e.getMessage());
        tracker.finish(RunStatus.FAILED);
      } catch (RuntimeException bookkeeping) {
        e.addSuppressed(bookkeeping);  // e.g. the disk that failed the run is still full: report the cause
      }
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killed);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already running
      }
      tracker.close();
    }
  }

  private static Map<String, String> tags(ExperimentConfig c, Dataset data, Kernels kernels) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put(Tags.SOURCE_NAME, "vae train");
    t.put(Tags.SOURCE_TYPE, "LOCAL");
    String kind = switch (c.encoder().provider().id()) {
      case "ae" -> "Plain autoencoder (baseline, not a VAE: z = encoder output, no KL; 'elbo' = reconstruction): ";
      case "vq" -> "VQ-VAE (KL = −log p(codes) under the prior over codes; samples draw codes from it): ";
      default -> "VAE: ";
    };
    t.put(Tags.NOTE, kind + c.encoder().provider().id() + " encoder, " + c.decoder().provider().id()
        + " decoder, " + c.prior().provider().id() + " prior, " + c.likelihood().provider().id() + " likelihood, on "
        + data.name() + " (" + data.trainX().size(0) + " train / " + data.testX().size(0) + " test)");
    SourceInfo.gitCommit(Path.of("")).ifPresent(commit -> t.put(Tags.GIT_COMMIT, commit));
    t.put(Tags.BACKEND, kernels.name());
    if (kernels instanceof VectorKernels) t.put(Tags.BLAS, VectorKernels.blas());  // results depend on it
    t.putAll(SourceInfo.versions());
    for (PluginChoice p : c.plugins()) {
      t.put(Tags.PLUGIN_PREFIX + p.kind().key, p.provider().id() + " from " + PluginOrigin.of(p.provider().getClass()));
    }
    return t;
  }
}
