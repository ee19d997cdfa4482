package org.vaelab.experiments.track;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tracker;

/**
 * A logged model opened read-only as a run: the checkpoint paths a run is read by map onto the
 * model's files ({@code checkpoint/model.bin} → {@code model.bin}), so whatever loads a run's model
 * loads a logged model's. Writing to it is a programming error.
 */
final class LoggedModelRun implements Tracker {
  private static final Map<String, String> PATHS = Map.of("checkpoint/model.bin", "model.bin",
      "checkpoint/state.yaml", "state.yaml", "config.yaml", "config.yaml");
  private final String sourceRunId;
  private final String location;
  private final Function<String, Optional<byte[]>> files;

  LoggedModelRun(String sourceRunId, String location, Function<String, Optional<byte[]>> files) {
    this.sourceRunId = sourceRunId;
    this.location = location;
    this.files = files;
  }

  @Override public String runId() { return sourceRunId; }

  @Override public String location() { return location; }

  @Override
  public Optional<byte[]> readArtifact(String path) {
    String file = PATHS.get(path);
    return file == null ? Optional.empty() : files.apply(file);
  }

  @Override public void logParams(Map<String, String> params) { throw readOnly(); }

  @Override public void setTag(String key, String value) { throw readOnly(); }

  @Override public void logMetric(String key, double value, long step) { throw readOnly(); }

  @Override public void logArtifact(String path, byte[] content) { throw readOnly(); }

  @Override public void finish(RunStatus status) { throw readOnly(); }

  @Override public void close() {}

  private UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("logged model " + location + " is opened read-only");
  }
}
