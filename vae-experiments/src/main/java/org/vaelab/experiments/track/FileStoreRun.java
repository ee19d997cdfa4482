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
  public void logMetric(String key, double value, long step) {
    AtomicFiles.append(safe(runDir.resolve("metrics"), key), System.currentTimeMillis() + " " + value + " " + step + "\n");
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
