package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tracker;

/** One run of an MLflow file store: {@code <root>/<experiment id>/<run id>/}. */
final class FileStoreRun implements Tracker {
  private final Path runDir;
  private final RunMeta meta;
  private boolean finished;

  FileStoreRun(Path runDir, RunMeta meta) {
    this.runDir = runDir;
    this.meta = meta;
  }

  @Override public String runId() { return meta.runId(); }

  @Override public String location() { return runDir.toString(); }

  @Override
  public void logParams(Map<String, String> params) {
    params.forEach((k, v) -> AtomicFiles.write(safe(runDir.resolve("params"), k), v));
  }

  @Override
  public void setTag(String key, String value) {
    AtomicFiles.write(safe(runDir.resolve("tags"), key), value);
  }

  @Override
  public void setExperimentTag(String key, String value) {
    AtomicFiles.write(safe(runDir.getParent().resolve("tags"), key), value);
  }

  @Override
  public void logDataset(String name, String digest, String source) {
    Tracker.super.logDataset(name, digest, source);
    MlflowLayout.logDatasetInput(runDir, meta.runId(), name, digest, source, "train");
  }

  @Override
  public Optional<String> logModel(String name, Map<String, String> params, Map<String, String> tags,
      Map<String, byte[]> files, Map<String, Double> metrics, long step) {
    return Optional.of(MlflowLayout.logModel(runDir, meta.runId(), name, params, tags, files, metrics, step));
  }

  @Override
  public void logDatasetInput(String name, String digest, String source, String context) {
    MlflowLayout.logDatasetInput(runDir, meta.runId(), name, digest, source, context);
  }

  @Override
  public void logMetric(String key, double value, long step) {
    AtomicFiles.append(safe(runDir.resolve("metrics"), key), System.currentTimeMillis() + " " + value + " " + step + "\n");
  }

  /** The largest step in the metric's file; a line cut short by a crash is ignored. */
  @Override
  public long lastStep(String key) {
    Path f = safe(runDir.resolve("metrics"), key);
    if (!Files.isRegularFile(f)) return -1;
    long last = -1;
    try {
      for (String line : Files.readAllLines(f)) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 3) continue;
        try {
          last = Math.max(last, Long.parseLong(parts[2]));
        } catch (NumberFormatException torn) {
          // an append interrupted by kill -9
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return last;
  }

  @Override
  public void logArtifact(String path, byte[] content) {
    AtomicFiles.write(safe(runDir.resolve("artifacts"), path), content);
  }

  @Override
  public Optional<byte[]> readArtifact(String path) {
    Path p = safe(runDir.resolve("artifacts"), path);
    try {
      return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void finish(RunStatus status) {
    if (finished) return;
    finished = true;
    meta.write(runDir, status, System.currentTimeMillis());
  }

  @Override
  public void close() {}

  /** {@code base/key}, refusing keys that would leave {@code base}. */
  static Path safe(Path base, String key) {
    Path p = base.resolve(key).normalize();
    if (key.isEmpty() || key.startsWith("/") || !p.startsWith(base.normalize()) || p.equals(base.normalize())) {
      throw new ConfigException("name '" + key + "' is not a relative path inside the run");
    }
    return p;
  }
}
