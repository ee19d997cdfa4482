package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service;

/**
 * A server run's write-ahead copy on local disk: every param, tag and metric is appended to
 * {@code <root>/<runId>/journal} and every artifact written under {@code artifacts/} before it is
 * queued for the server. A run that finishes with everything delivered deletes its spool; one whose
 * process dies keeps it for {@code vae push --spool}. Replaying all of it is harmless: the server
 * keeps one copy of a metric point with the same key, step, value and timestamp, and params and tags
 * are rewritten with the same values.
 */
final class Spool implements AutoCloseable {
  /** The spool root: system property {@code vaelab.spoolDir}, else $VAE_SPOOL_DIR, else ~/.vaelab/spool. */
  static Path root() {
    String p = System.getProperty("vaelab.spoolDir", System.getenv("VAE_SPOOL_DIR"));
    return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".vaelab", "spool");
  }

  /** What a spooled run holds: its server, artifact root, and the journal's records in order. */
  record Content(String server, String artifactUri, List<Service.Param> params, List<Service.RunTag> tags,
      List<Service.Metric> metrics, Path artifacts) {}

  private final Path dir;
  private final OutputStream journal;

  Spool(Path root, String server, String runId, String artifactUri) {
    this.dir = root.resolve(runId);
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(dir.resolve("run"), server + "\n" + artifactUri + "\n");
      journal = Files.newOutputStream(dir.resolve("journal"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the spool " + dir + ": " + e.getMessage(), e);
    }
  }

  Path dir() { return dir; }

  synchronized void param(String key, String value) { line("p", key, value); }

  synchronized void tag(String key, String value) { line("t", key, value); }

  synchronized void metric(String key, double value, long timestamp, long step) {
    line("m", key, value + " " + timestamp + " " + step);
  }

  void artifact(String path, byte[] content) {
    AtomicFiles.write(FileStoreRun.safe(dir.resolve("artifacts"), path), content);
  }

  /** One record a line: kind, base64 key, base64 value; a line cut short by a crash is skipped on reading. */
  private void line(String kind, String key, String value) {
    Base64.Encoder b = Base64.getEncoder();
    String l = kind + " " + b.encodeToString(key.getBytes(StandardCharsets.UTF_8)) + " "
        + b.encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\n";
    try {
      journal.write(l.getBytes(StandardCharsets.UTF_8));  // unbuffered: in the OS once written
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the spool " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      journal.close();
    } catch (IOException e) {
      // nothing more to write
    }
  }

  /** Closes and removes the spool: everything reached the server. */
  void delete() {
    close();
    delete(dir);
  }

  static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the spool " + dir + ": " + e.getMessage(), e);
    }
  }

  static Content read(Path dir) {
    try {
      List<String> run = Files.readAllLines(dir.resolve("run"));
      List<Service.Param> params = new ArrayList<>();
      List<Service.RunTag> tags = new ArrayList<>();
      List<Service.Metric> metrics = new ArrayList<>();
      Path journal = dir.resolve("journal");
      List<String> lines = Files.isRegularFile(journal) ? Files.readAllLines(journal) : List.of();
      Base64.Decoder d = Base64.getDecoder();
      for (String l : lines) {
        String[] f = l.split(" ");
        if (f.length != 3) continue;
        String key;
        String value;
        try {
          key = new String(d.decode(f[1]), StandardCharsets.UTF_8);
          value = new String(d.decode(f[2]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException torn) {
          continue;
        }
        switch (f[0]) {
          case "p" -> params.add(Service.Param.newBuilder().setKey(key).setValue(value).build());
          case "t" -> tags.add(Service.RunTag.newBuilder().setKey(key).setValue(value).build());
          case "m" -> {
            String[] v = value.split(" ");
            if (v.length != 3) continue;
            metrics.add(Service.Metric.newBuilder().setKey(key).setValue(Double.parseDouble(v[0]))
                .setTimestamp(Long.parseLong(v[1])).setStep(Long.parseLong(v[2])).build());
          }
          default -> { }
        }
      }
      return new Content(run.get(0), run.get(1), params, tags, metrics, dir.resolve("artifacts"));
    } catch (IOException | RuntimeException e) {
      throw new org.vaelab.api.config.ConfigException("--spool: " + dir + " is not a readable spool: " + e.getMessage());
    }
  }
}
