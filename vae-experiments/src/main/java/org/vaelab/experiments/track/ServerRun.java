package org.vaelab.experiments.track;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;

/** One run on an MLflow server. Logging only queues (see {@link Outbox}); {@link #finish} waits for delivery. */
final class ServerRun implements Tracker {
  /** MLflow's limits on param and tag values (characters). */
  static final int MAX_PARAM_LENGTH = 6000;
  static final int MAX_TAG_LENGTH = 8000;
  static final long KILLED_WAIT_MILLIS = 10_000;

  private final ServerApi api;
  private final ServerConfig config;
  private final String runId;
  private final String experimentId;
  private final String artifactUri;
  private final Outbox outbox;
  private final PrintStream warnings;
  private final Spool spool;
  private boolean finished;

  ServerRun(ServerApi api, ServerConfig config, String experimentId, String runId, String artifactUri,
      PrintStream warnings) {
    this.api = api;
    this.config = config;
    this.experimentId = experimentId;
    this.runId = runId;
    this.artifactUri = artifactUri;
    this.warnings = warnings;
    this.outbox = new Outbox(api, runId, artifactUri, config.flushMillis(), warnings);
    Path spooled = Spool.root().resolve(runId);
    if (Files.isRegularFile(spooled.resolve("journal"))) requeue(Spool.read(spooled));  // left by a dead process
    this.spool = new Spool(Spool.root(), api.host(), runId, artifactUri);
  }

  /** Queues what a dead process spooled for this run (the server ignores what it already has). */
  private void requeue(Spool.Content c) {
    c.params().forEach(p -> outbox.param(p.getKey(), p.getValue()));
    c.tags().forEach(t -> outbox.tag(t.getKey(), t.getValue()));
    c.metrics().forEach(m -> outbox.metric(m.getKey(), m.getValue(), m.getTimestamp(), m.getStep()));
    for (var a : SpoolReplay.artifacts(c.artifacts()).entrySet()) outbox.artifact(a.getKey(), a.getValue());
  }

  @Override public String runId() { return runId; }

  /** The run's page in the UI's training view. */
  @Override
  public String location() {
    return api.host() + "/#/experiments/" + experimentId + "/runs/" + runId + "?" + TrackingUri.TRAINING_VIEW;
  }

  @Override
  public void logParams(Map<String, String> params) {
    List<String> truncated = new ArrayList<>();
    params.forEach((k, v) -> {
      if (v.length() > MAX_PARAM_LENGTH) {
        truncated.add(k);
        v = v.substring(0, MAX_PARAM_LENGTH);
      }
      spool.param(k, v);
      outbox.param(k, v);
    });
    if (!truncated.isEmpty()) {
      setTag(Tags.TRUNCATED_PARAMS, "cut to " + MAX_PARAM_LENGTH + " characters: " + String.join(", ", truncated));
    }
  }

  @Override
  public void setTag(String key, String value) {
    String v = value.length() > MAX_TAG_LENGTH ? value.substring(0, MAX_TAG_LENGTH) : value;
    spool.tag(key, v);
    outbox.tag(key, v);
  }

  @Override
  public void logMetric(String key, double value, long step) {
    long now = System.currentTimeMillis();
    spool.metric(key, value, now, step);
    outbox.metric(key, value, now, step);
  }

  @Override
  public void setExperimentTag(String key, String value) {
    outbox.call(new Outbox.Call("set-experiment-tag", () -> api.setExperimentTag(experimentId, key, value)));
  }

  @Override
  public void logDataset(String name, String digest, String source) {
    Tracker.super.logDataset(name, digest, source);
    outbox.call(new Outbox.Call("log-inputs", () -> api.logDataset(runId, name, digest, source, "train")));
  }

  @Override
  public void logDatasetInput(String name, String digest, String source, String context) {
    outbox.call(new Outbox.Call("log-inputs", () -> api.logDataset(runId, name, digest, source, context)));
  }

  /**
   * Creates the logged model on the server now, uploads its files and finalises it; a server that
   * stays unreachable loses the logged model with a warning (the run's checkpoint keeps the weights).
   */
  @Override
  public Optional<String> logModel(String name, Map<String, String> params, Map<String, String> tags,
      Map<String, byte[]> files, Map<String, Double> metrics, long step) {
    try {
      return Optional.of(LoggedModelUpload.send(api, config.retryMillis(), experimentId, runId, name, params, tags, files,
          metrics, step));
    } catch (RuntimeException e) {
      warnings.println("vae: run " + runId + " on " + api.host() + ": logged model " + name + " not recorded ("
          + e.getMessage() + "); its weights stay in the run's checkpoint/");
      return Optional.empty();
    }
  }

  @Override
  public void logArtifact(String path, byte[] content) {
    FileStoreRun.safe(java.nio.file.Path.of("/run"), path);
    spool.artifact(path, content);
    outbox.artifact(path, content);
  }

  @Override
  public long lastStep(String key) {
    return Retry.call("metric history of " + key, config.retryMillis(), () -> api.metricHistory(runId, key))
        .stream().mapToLong(Service.Metric::getStep).max().orElse(-1);
  }

  @Override
  public Optional<byte[]> readArtifact(String path) {
    byte[] queued = outbox.pendingArtifact(path);
    if (queued != null) return Optional.of(queued);
    return Retry.call("download of " + path, config.retryMillis(), () -> api.getArtifact(artifactUri, path));
  }

  @Override
  public synchronized void finish(RunStatus status) {
    if (finished) return;
    finished = true;
    // a killed process has seconds, not minutes, before it is gone for good
    long wait = status == RunStatus.KILLED ? Math.min(KILLED_WAIT_MILLIS, config.finishWaitMillis()) : config.finishWaitMillis();
    List<String> lost = outbox.drain(wait);
    for (String l : lost) warnings.println("vae: run " + runId + " on " + api.host() + ": " + l);
    settle(lost);
    Retry.run("ending run " + runId, Math.min(wait, config.retryMillis()),
        () -> api.setStatus(runId, status, System.currentTimeMillis()));
  }

  @Override
  public synchronized void close() {
    if (!finished) settle(outbox.drain(config.finishWaitMillis()));
    api.close();
  }

  /** Deletes the spool when everything arrived, else keeps it and says how to send it later. */
  private void settle(List<String> lost) {
    if (lost.isEmpty()) {
      spool.delete();
    } else {
      spool.close();
      warnings.println("vae: run " + runId + ": everything it logged is kept in " + spool.dir()
          + "; send it with: vae push --spool");
    }
  }
}
