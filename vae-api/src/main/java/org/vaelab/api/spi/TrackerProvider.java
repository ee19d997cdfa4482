package org.vaelab.api.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.track.RunRecord;
import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.Tracker;

/** Opens runs in an experiment tracker. */
public interface TrackerProvider<C extends Record> extends PluginProvider<C> {
  /** Starts a new run. */
  Tracker start(C config, RunSpec spec);

  /** Reopens an existing run to continue it; a missing run is a ConfigException. */
  Tracker resume(C config, String runId);

  /**
   * Opens an existing run to add to it (evaluations) without changing its status. The default falls
   * back to {@link #resume}, which marks it RUNNING; trackers that can should override it.
   */
  default Tracker open(C config, String runId) {
    return resume(config, runId);
  }

  /**
   * Opens a logged model ({@code models/<id>} in MLflow 3) read-only, as a run whose artifacts are
   * the model's: {@code config.yaml}, {@code checkpoint/model.bin}, {@code checkpoint/state.yaml}.
   * Its {@link Tracker#runId()} is the model's source run; writing to it fails.
   */
  default Tracker openModel(C config, String modelId) {
    throw new ConfigException("logged model " + modelId + ": tracker " + id() + " keeps no logged models");
  }

  /** The runs of {@code experiment} that carry all of {@code tags} (an unknown experiment has none). */
  default List<RunRecord> findRuns(C config, String experiment, Map<String, String> tags) {
    throw new ConfigException("tracker " + id() + " cannot search runs, which sweeps need");
  }

  /** The value of metric {@code key} that run {@code runId} logged at {@code step}, if any (sweep pruning). */
  default Optional<Double> metricAt(C config, String runId, String key, long step) {
    throw new ConfigException("tracker " + id() + " cannot read metric histories, which sweep pruning needs");
  }
}
