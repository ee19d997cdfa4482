package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.vaelab.api.config.ConfigException;
import org.vaelab.experiments.config.Yaml;

/** The runs of a local MLflow file store (active experiments only), for {@code vae push}. */
public final class LocalStore {
  private final Path root;

  public LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(this.root)) throw new ConfigException("--tracking-dir: no file store at " + this.root);
  }

  public Path root() { return root; }

  /** Every run, oldest first. */
  public List<LocalRun> runs() {
    List<LocalRun> out = new ArrayList<>();
    for (Path exp : children(root)) {
      Path meta = exp.resolve("meta.yaml");
      if (!exp.getFileName().toString().matches("\\d+") || !Files.isRegularFile(meta)) continue;
      Map<String, Object> m;
      try {
        m = Yaml.parseMap(Files.readString(meta), meta.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!"active".equals(m.get("lifecycle_stage"))) continue;
      String name = String.valueOf(m.get("name"));
      for (Path run : children(exp)) {
        if (Files.isRegularFile(run.resolve("meta.yaml"))) out.add(LocalRun.read(run, name));
      }
    }
    out.sort((a, b) -> Long.compare(a.startTime(), b.startTime()));
    return out;
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
