package org.vaelab.api.track;

import java.util.Map;
import java.util.Optional;

/** One run in an experiment tracker. Keys use '/' for grouping (e.g. {@code test/elbo}). */
public interface Tracker extends AutoCloseable {
  String runId();

  /** Where the run can be looked at, for the console. */
  String location();

  void logParams(Map<String, String> params);

  void setTag(String key, String value);

  /** Sets a tag on the run's experiment (shared by all its runs); the default sets none. */
  default void setExperimentTag(String key, String value) {}

  /** Logs one metric value at an integer step, timestamped now. */
  void logMetric(String key, double value, long step);

  /**
   * The largest step logged for {@code key} in this run so far, by this or an earlier process; -1
   * when there is none or the store cannot tell. A resumed run skips steps up to it, so that a run
   * killed after its last checkpoint does not log those steps twice.
   */
  default long lastStep(String key) {
    return -1;
  }

  /** Stores an artifact at a relative path inside the run's artifact root. */
  void logArtifact(String path, byte[] content);

  /**
   * Records the dataset the run trains on. The default sets {@code vaelab.dataset.*} tags; a server
   * tracker also sends MLflow's {@code log-inputs}.
   */
  default void logDataset(String name, String digest, String source) {
    setTag(Tags.DATASET_NAME, name);
    setTag(Tags.DATASET_DIGEST, digest);
    setTag(Tags.DATASET_SOURCE, source);
  }

  /**
   * Records another split the run evaluates on (validation, test) as an MLflow dataset input with
   * the context {@code context}; the default records nothing.
   */
  default void logDatasetInput(String name, String digest, String source, String context) {}

  /**
   * Records a trained model as an MLflow logged model that this run output at {@code step}: its
   * files, params and tags, and the metrics measured on it. Returns the model's id, or empty where
   * the tracker keeps no logged models (the default).
   */
  default java.util.Optional<String> logModel(String name, Map<String, String> params, Map<String, String> tags,
      Map<String, byte[]> files, Map<String, Double> metrics, long step) {
    return java.util.Optional.empty();
  }

  /** Reads an artifact back, if present (checkpoints, when resuming). */
  Optional<byte[]> readArtifact(String path);

  /** Ends the run with the given status; only the first call counts (a shutdown hook may race the run). */
  void finish(RunStatus status);

  /** Flushes buffered data without ending the run. */
  @Override
  void close();
}
