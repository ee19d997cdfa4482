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
import org.vaelab.api.track.Tags;
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

  /** A dataset input of the run: the dataset and the context it was used in (train, validation, test). */
  public record DatasetInput(String name, String digest, String source, String context) {}

  /** A logged model this run output at {@code step}, in its experiment's {@code models/<id>/}. */
  public record LoggedModel(Path dir, String name, long step) {
    public Map<String, String> params() { return keyedFiles(dir.resolve("params")); }

    public Map<String, String> tags() { return keyedFiles(dir.resolve("tags")); }

    /** The last value of each metric measured on the model. */
    public Map<String, Double> metrics() {
      Map<String, Double> out = new TreeMap<>();
      keyedFiles(dir.resolve("metrics")).forEach((key, text) -> text.lines().map(l -> l.trim().split(" "))
          .filter(f -> f.length >= 3).forEach(f -> out.put(key, Double.parseDouble(f[1]))));
      return out;
    }

    /** Its files' contents by relative path. */
    public Map<String, byte[]> files() {
      Map<String, byte[]> out = new TreeMap<>();
      LocalRun.files(dir.resolve("artifacts")).forEach((key, p) -> out.put(key, readBytes(p)));
      return out;
    }
  }

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

  /** The tags of the run's experiment. */
  public Map<String, String> experimentTags() { return keyedFiles(dir.getParent().resolve("tags")); }

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

  /** The run's dataset inputs, as MLflow's file store records them. */
  public List<DatasetInput> datasetInputs() {
    List<DatasetInput> out = new ArrayList<>();
    Path datasets = dir.getParent().resolve("datasets");
    keyedFiles(dir.resolve("inputs")).forEach((key, text) -> {
      if (!key.endsWith("/meta.yaml")) return;
      Map<String, Object> input = Yaml.parseMap(text, key);
      if (!"DATASET".equals(input.get("source_type"))) return;
      Path meta = datasets.resolve(String.valueOf(input.get("source_id"))).resolve("meta.yaml");
      if (!Files.isRegularFile(meta)) return;
      Map<String, Object> d = Yaml.parseMap(readString(meta), meta.toString());
      Map<String, Object> source = Yaml.parseMap(String.valueOf(d.get("source")), meta + " source");
      Object tags = input.get("tags");
      Object context = tags instanceof Map<?, ?> t ? t.get(Tags.DATA_CONTEXT) : null;
      out.add(new DatasetInput(String.valueOf(d.get("name")), String.valueOf(d.get("digest")),
          String.valueOf(source.getOrDefault("uri", "")), context == null ? "train" : context.toString()));
    });
    return out;
  }

  /** The logged models this run output, oldest first. */
  public List<LoggedModel> loggedModels() {
    List<LoggedModel> out = new ArrayList<>();
    keyedFiles(dir.resolve("outputs")).forEach((key, text) -> {
      if (!key.endsWith("/meta.yaml")) return;
      Map<String, Object> output = Yaml.parseMap(text, key);
      Path model = dir.getParent().resolve("models").resolve(String.valueOf(output.get("destination_id")));
      if (!Files.isRegularFile(model.resolve("meta.yaml"))) return;
      Map<String, Object> meta = Yaml.parseMap(readString(model.resolve("meta.yaml")), model.toString());
      out.add(new LoggedModel(model, String.valueOf(meta.get("name")),
          output.get("step") instanceof Number n ? n.longValue() : 0));
    });
    return out;
  }

  private static String readString(Path p) {
    return new String(readBytes(p), java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Relative paths of the run's artifacts. */
  public List<String> artifacts() {
    return new ArrayList<>(files(dir.resolve("artifacts")).keySet());
  }

  public byte[] artifact(String path) {
    return readBytes(FileStoreRun.safe(dir.resolve("artifacts"), path));
  }

  private static Map<String, String> keyedFiles(Path base) {
    Map<String, String> out = new TreeMap<>();
    files(base).forEach((key, p) -> {
      out.put(key, readString(p));
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
