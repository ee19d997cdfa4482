package org.vaelab.experiments.train;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tracker;

/**
 * The tracker of a resumed run: a metric step that the run already holds (logged after the last
 * checkpoint by a process that was then killed) is not logged again, so no step appears twice.
 * The store is asked once per metric key, on its first use.
 */
final class ResumedTracker implements Tracker {
  private final Tracker run;
  private final Map<String, Long> logged = new HashMap<>();

  ResumedTracker(Tracker run) {
    this.run = run;
  }

  @Override
  public synchronized void logMetric(String key, double value, long step) {
    if (step <= logged.computeIfAbsent(key, run::lastStep)) return;
    run.logMetric(key, value, step);
  }

  @Override public String runId() { return run.runId(); }

  @Override public String location() { return run.location(); }

  @Override public void logParams(Map<String, String> params) { run.logParams(params); }

  @Override public void setTag(String key, String value) { run.setTag(key, value); }

  @Override public void logDataset(String name, String digest, String source) { run.logDataset(name, digest, source); }

  @Override
  public java.util.Optional<String> logModel(String name, Map<String, String> params, Map<String, String> tags,
      Map<String, byte[]> files, Map<String, Double> metrics, long step) {
    return run.logModel(name, params, tags, files, metrics, step);
  }

  @Override public void setExperimentTag(String key, String value) { run.setExperimentTag(key, value); }

  @Override public void logDatasetInput(String name, String digest, String source, String context) {
    run.logDatasetInput(name, digest, source, context);
  }

  @Override public long lastStep(String key) { return run.lastStep(key); }

  @Override public void logArtifact(String path, byte[] content) { run.logArtifact(path, content); }

  @Override public Optional<byte[]> readArtifact(String path) { return run.readArtifact(path); }

  @Override public void finish(RunStatus status) { run.finish(status); }

  @Override public void close() { run.close(); }
}
