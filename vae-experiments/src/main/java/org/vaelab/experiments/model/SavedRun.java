package org.vaelab.experiments.model;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.config.Yaml;

/**
 * A run's saved config (with {@code overrides}) and last checkpoint, read through its tracker: what
 * resuming and re-evaluating a run start from. {@code option} names the command-line option in errors.
 */
public record SavedRun(ExperimentConfig config, Checkpoint checkpoint, String runId, String option) {
  /** The resolved config every run saves as an artifact. */
  public static final String CONFIG_ARTIFACT = "config.yaml";

  public static SavedRun read(Tracker tracker, ConfigLoader loader, PluginChoice trackerChoice, String runId,
      List<String> overrides, String option) {
    ExperimentConfig c = config(tracker, loader, trackerChoice, runId, overrides, option);
    Checkpoint cp = Checkpoint.read(
        tracker.readArtifact(Checkpoint.MODEL).orElseThrow(() -> new ConfigException(option + ": run " + runId + " has no checkpoint")),
        tracker.readArtifact(Checkpoint.STATE).orElseThrow(() -> new ConfigException(option + ": run " + runId + " has no checkpoint")));
    return new SavedRun(c, cp, runId, option);
  }

  /** The resolved config the run saved (seed included), with {@code overrides} and the given tracker. */
  public static ExperimentConfig config(Tracker tracker, ConfigLoader loader, PluginChoice trackerChoice, String runId,
      List<String> overrides, String option) {
    byte[] saved = tracker.readArtifact(CONFIG_ARTIFACT).orElseThrow(() -> new ConfigException(
        option + ": run " + runId + " has no " + CONFIG_ARTIFACT + "; it was not made by vae train"));
    Map<String, Object> raw = Yaml.parseMap(new String(saved, StandardCharsets.UTF_8),
        "run " + runId + " " + CONFIG_ARTIFACT);
    raw.put("tracker", new LinkedHashMap<>(trackerChoice.toMap()));
    List<String> missing = loader.missingPlugins(raw);
    if (!missing.isEmpty()) {
      throw new ConfigException(option + ": run " + runId + " needs plugins that are not installed: "
          + String.join(", ", missing) + "; add their jars with vae --plugins DIR");
    }
    return loader.resolve(raw, overrides, "run " + runId);
  }

  /** The model of this run for {@code data}, with the checkpoint's parameters. */
  public VaeModel model(Dataset data, Kernels kernels) {
    VaeModel model = Plugins.model(config, data, kernels);
    if (checkpoint.params().length() != model.parameters().size()) {
      throw new ConfigException(option + ": the checkpoint of run " + runId + " has " + checkpoint.params().length()
          + " parameters but the model has " + model.parameters().size() + "; model settings cannot change");
    }
    model.parameters().values().assign(checkpoint.params());
    return model;
  }

  /** The run's dataset, its validation set held out as in training. */
  public Dataset dataset() {
    return DataSplit.of(Plugins.dataset(config.dataset()), config.training().validation(), config.seed()).data();
  }

  /** The model with the weights its final evaluation uses: the best epoch's under early stopping, else the last. */
  public VaeModel evaluatedModel(Dataset data, Kernels kernels, Tracker tracker) {
    VaeModel model = model(data, kernels);
    if (config.training().earlyStopping().enabled()) {
      tracker.readArtifact(Checkpoint.BEST_MODEL)
          .ifPresent(bytes -> model.parameters().values().assign(Checkpoint.readParams(bytes)));
    }
    return model;
  }
}
