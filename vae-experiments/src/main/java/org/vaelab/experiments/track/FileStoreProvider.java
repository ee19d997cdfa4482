package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.spi.TrackerProvider;
import org.vaelab.api.track.RunRecord;
import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.Yaml;

/**
 * The {@code "mlflow-file"} tracker: MLflow's file-store layout, readable by
 * {@code MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri ./mlruns}.
 */
public final class FileStoreProvider implements TrackerProvider<FileStoreConfig> {
  @Override public String id() { return "mlflow-file"; }

  @Override public String description() { return "MLflow file store written from Java (no server needed)"; }

  @Override public Class<FileStoreConfig> configType() { return FileStoreConfig.class; }

  @Override public FileStoreConfig defaultConfig() { return new FileStoreConfig("mlruns"); }

  @Override
  public Tracker start(FileStoreConfig c, RunSpec spec) {
    Path root = Path.of(c.dir()).toAbsolutePath().normalize();
    String experimentId = findOrCreateExperiment(root, spec.experiment());
    String runId = UUID.randomUUID().toString().replace("-", "");
    Path runDir = root.resolve(experimentId).resolve(runId);
    String user = System.getProperty("user.name", "unknown");
    RunMeta meta = new RunMeta(runId, spec.runName(), experimentId, runDir.resolve("artifacts").toUri().toString(),
        user, System.currentTimeMillis());
    try {
      Files.createDirectories(runDir.resolve("artifacts"));
    } catch (IOException e) {
      throw new ConfigException("tracker.dir: cannot create " + runDir + ": " + e.getMessage());
    }
    meta.write(runDir, RunStatus.RUNNING, null);
    FileStoreRun run = new FileStoreRun(runDir, meta);
    run.setTag(Tags.RUN_NAME, spec.runName());
    run.setTag(Tags.USER, user);
    spec.tags().forEach(run::setTag);
    return run;
  }

  @Override
  public Tracker open(FileStoreConfig c, String runId) {
    Path runDir = runDir(c, runId, "--run");
    return new FileStoreRun(runDir, RunMeta.read(runDir));
  }

  @Override
  public Tracker openModel(FileStoreConfig c, String modelId) {
    Path root = Path.of(c.dir()).toAbsolutePath().normalize();
    ConfigException missing = new ConfigException("--model: no logged model " + modelId + " in " + root);
    if (!modelId.matches("[A-Za-z0-9_-]+") || !Files.isDirectory(root)) throw missing;
    Path modelDir;
    try (Stream<Path> experiments = Files.list(root)) {
      modelDir = experiments.map(e -> e.resolve("models").resolve(modelId))
          .filter(m -> Files.isRegularFile(m.resolve("meta.yaml"))).findFirst().orElseThrow(() -> missing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Object source = Yaml.parseMap(new String(LocalRun.readBytes(modelDir.resolve("meta.yaml")), StandardCharsets.UTF_8),
        modelDir + "/meta.yaml").get("source_run_id");
    return new LoggedModelRun(String.valueOf(source), modelDir.toString(), file -> {
      Path p = FileStoreRun.safe(modelDir.resolve("artifacts"), file);
      return Files.isRegularFile(p) ? Optional.of(LocalRun.readBytes(p)) : Optional.empty();
    });
  }

  @Override
  public Tracker resume(FileStoreConfig c, String runId) {
    Path runDir = runDir(c, runId, "--resume");
    RunMeta meta = RunMeta.read(runDir);
    meta.write(runDir, RunStatus.RUNNING, null);
    return new FileStoreRun(runDir, meta);
  }

  private static Path runDir(FileStoreConfig c, String runId, String option) {
    Path root = Path.of(c.dir()).toAbsolutePath().normalize();
    return findRun(root, runId).orElseThrow(() -> new ConfigException(option + ": no run " + runId + " in " + root));
  }

  @Override
  public List<RunRecord> findRuns(FileStoreConfig c, String experiment, Map<String, String> tags) {
    Path root = Path.of(c.dir()).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) return List.of();
    List<RunRecord> out = new ArrayList<>();
    for (LocalRun run : new LocalStore(root).runs()) {
      if (!run.experiment().equals(experiment)) continue;
      Map<String, String> runTags = run.tags();
      if (!tags.entrySet().stream().allMatch(t -> t.getValue().equals(runTags.get(t.getKey())))) continue;
      Map<String, Double> last = new java.util.HashMap<>();
      run.metrics().forEach((k, points) -> {
        if (!points.isEmpty()) last.put(k, points.get(points.size() - 1).value());
      });
      out.add(new RunRecord(run.runId(), run.status(), runTags, last));
    }
    return out;
  }

  @Override
  public Optional<Double> metricAt(FileStoreConfig c, String runId, String key, long step) {
    Path root = Path.of(c.dir()).toAbsolutePath().normalize();
    return findRun(root, runId).flatMap(dir -> {
      List<LocalRun.Point> points = LocalRun.read(dir, "").metrics().getOrDefault(key, List.of());
      return points.stream().filter(p -> p.step() == step).map(LocalRun.Point::value).reduce((a, b) -> b);
    });
  }

  /** The directory of run {@code runId} under {@code root}, if there is one. */
  public static Optional<Path> findRun(Path root, String runId) {
    if (!runId.matches("[0-9a-f]{32}") || !Files.isDirectory(root)) return Optional.empty();
    try (Stream<Path> exps = Files.list(root)) {
      return exps.map(e -> e.resolve(runId)).filter(r -> Files.isRegularFile(r.resolve("meta.yaml"))).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized String findOrCreateExperiment(Path root, String name) {
    try {
      Files.createDirectories(root);
      if (!Files.exists(root.resolve("0").resolve("meta.yaml"))) writeExperiment(root, "0", "Default");
      long next = 1;
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path d : dirs.filter(Files::isDirectory).toList()) {
          String id = d.getFileName().toString();
          if (!id.matches("\\d+") || !Files.isRegularFile(d.resolve("meta.yaml"))) continue;
          Map<String, Object> m = Yaml.parseMap(Files.readString(d.resolve("meta.yaml")), d + "/meta.yaml");
          if (name.equals(String.valueOf(m.get("name")))) {
            if (!"active".equals(m.get("lifecycle_stage"))) {
              throw new ConfigException("experiment '" + name + "' is deleted in " + root + "; restore it or choose another name");
            }
            MlflowLayout.markTraining(d);
            return id;
          }
          next = Math.max(next, Long.parseLong(id) + 1);
        }
      }
      while (true) {
        String id = Long.toString(next++);
        try {
          Files.createDirectory(root.resolve(id));
        } catch (FileAlreadyExistsException e) {
          continue;
        }
        writeExperiment(root, id, name);
        return id;
      }
    } catch (IOException e) {
      throw new ConfigException("tracker.dir: cannot use " + root + ": " + e.getMessage());
    }
  }

  private static void writeExperiment(Path root, String id, String name) {
    long now = System.currentTimeMillis();
    AtomicFiles.write(root.resolve(id).resolve("meta.yaml"), "artifact_location: " + root.resolve(id).toUri() + "\n"
        + "creation_time: " + now + "\n"
        + "experiment_id: '" + id + "'\n"
        + "last_update_time: " + now + "\n"
        + "lifecycle_stage: active\n"
        + "name: " + RunMeta.quote(name) + "\n");
    MlflowLayout.markTraining(root.resolve(id));
  }
}
