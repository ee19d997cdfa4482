package org.vaelab.experiments.train;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.config.Yaml;
import org.vaelab.experiments.model.Checkpoint;
import org.vaelab.experiments.model.SavedRun;

/**
 * A finished run's weights as MLflow logged models: {@code final} (the last epoch) and, under early
 * stopping, {@code best} (the best validation epoch, the one the final evaluation measured). Each
 * holds its weights, the resolved config and the plugin ids needed to rebuild it; the final
 * evaluation's metrics are linked to the model they measured.
 */
final class LoggedModels {
  private LoggedModels() {}

  static void log(Tracker tracker, ExperimentConfig c, long step, Map<String, Double> evaluation) {
    byte[] config = Yaml.dump(c.toMap()).getBytes(StandardCharsets.UTF_8);
    Map<String, String> params = c.toParams();
    Optional<byte[]> best = c.training().earlyStopping().enabled() ? tracker.readArtifact(Checkpoint.BEST_MODEL)
        : Optional.empty();
    Map<String, Double> evalMetrics = new LinkedHashMap<>();
    evaluation.forEach((k, v) -> evalMetrics.put("eval/" + k, v));
    Optional<byte[]> last = tracker.readArtifact(Checkpoint.MODEL);
    if (last.isPresent()) {
      log(tracker, "final", last.get(), tracker.readArtifact(Checkpoint.STATE), config, params, c,
          best.isPresent() ? Map.of() : evalMetrics, step);
    }
    best.ifPresent(bytes -> log(tracker, "best", bytes, tracker.readArtifact(Checkpoint.BEST_STATE), config, params, c,
        evalMetrics, step));
  }

  private static void log(Tracker tracker, String weights, byte[] model, Optional<byte[]> state, byte[] config,
      Map<String, String> params, ExperimentConfig c, Map<String, Double> metrics, long step) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("model.bin", model);
    state.ifPresent(s -> files.put("state.yaml", s));
    files.put(SavedRun.CONFIG_ARTIFACT, config);
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.WEIGHTS, weights);
    tags.put(Tags.PLUGINS, plugins(c));
    tags.putAll(SourceInfo.versions());
    tracker.logModel(c.name() + "-" + weights, params, tags, files, metrics, step);
  }

  /** kind:id of every plugin the model needs, e.g. {@code encoder:mlp, decoder:mlp, prior:vamp, ...}. */
  private static String plugins(ExperimentConfig c) {
    StringBuilder b = new StringBuilder();
    for (PluginChoice p : new PluginChoice[] {c.dataset(), c.encoder(), c.decoder(), c.prior(), c.posterior(),
        c.likelihood(), c.objective()}) {
      b.append(b.length() == 0 ? "" : ", ").append(p.kind().key).append(':').append(p.provider().id());
    }
    return b.toString();
  }
}
