package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.track.RunStatus;
import org.vaelab.experiments.config.Yaml;

/**
 * A run of a local MLflow file store, read back for {@code vae push}.
 *
 * @param dir        the run's directory
 * @param experiment the name of its experiment
 * @param runId      its id in the file store
 */
public record LocalRun(Path dir, String experiment, String runId, String runName, String user, long startTime,
    Long endTime, RunStatus status) {

  /** One logged value of a metric. */
  public record Point(long timestamp, double value, long step) {}

  static LocalRun read(Path dir, String experiment) {
    Path file = dir.resolve("meta.yaml");
    Map<String, Object> m;
    try {
      m = Yaml.parseMap(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    int code = m.get("status") instanceof Number n ? n.intValue() : RunStatus.FINISHED.code;
    RunStatus status = RunStatus.FINISHED;
    for (RunStatus s : RunStatus.values()) if (s.code == code) status = s;
    Object end = m.get("end_time");
    return new LocalRun(dir, experiment, String.valueOf(m.get("run_id")), String.valueOf(m.get("run_name")),
        String.valueOf(m.get("user_id")), ((Number) m.get("start_time")).longValue(),
        end instanceof Number n ? n.longValue() : null, status);
  }

  public Map<String, String> params() { return keyedFiles(dir.resolve("params")); }

  public Map<String, String> tags() { return keyedFiles(dir.resolve("tags")); }

  /** Every metric's history in logged order, by key. */
  public Map<String, List<Point>> metrics() {
    Map<String, List<Point>> out = new TreeMap<>();
    keyedFiles(dir.resolve("metrics")).forEach((key, text) -> {
      List<Point> points = new ArrayList<>();
      for (String line : text.split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length != 3) continue;  // a line cut short by a crash
        try {
          points.add(new Point(Long.parseLong(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2])));
        } catch (NumberFormatException e) {
          // a line cut short by a crash
        }
      }
      out.put(key, points);
    });
    return out;
  }

  /** Relative paths of the run's artifacts. */
  public List<String> artifacts() {
    return new ArrayList<>(files(dir.resolve("artifacts")).keySet());
  }

  public byte[] artifact(String path) {
    try {
      return Files.readAllBytes(FileStoreRun.safe(dir.resolve("artifacts"), path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> keyedFiles(Path base) {
    Map<String, String> out = new TreeMap<>();
    files(base).forEach((key, p) -> {
      try {
        out.put(key, Files.readString(p));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return out;
  }

  private static boolean isTemporary(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  /**
   * Files under {@code base} by their '/'-separated relative path. Other processes may be writing the
   * run (a sweep's trials): a temporary file that is renamed away while we list is skipped.
   */
  private static Map<String, Path> files(Path base) {
    Map<String, Path> out = new TreeMap<>();
    if (!Files.isDirectory(base)) return out;
    try {
      Files.walkFileTree(base, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && !isTemporary(p)) out.put(base.relativize(p).toString().replace('\\', '/'), p);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
          throw e;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
