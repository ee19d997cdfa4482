package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tags;

/**
 * {@code vae push --spool}: sends what dead processes left in the spool to the servers their runs
 * live on, ends runs still marked RUNNING as KILLED, and deletes each spool once it is delivered.
 */
public final class SpoolReplay {
  private SpoolReplay() {}

  /** Where server runs spool: see {@link Spool#root()}. */
  public static Path defaultRoot() { return Spool.root(); }

  /** Replays every spooled run under {@code root}; returns how many. */
  public static int pushAll(Path root, Map<String, String> env, PrintStream out) {
    if (!Files.isDirectory(root)) throw new ConfigException("--spool: nothing spooled (no " + root + ")");
    List<Path> runs;
    try (Stream<Path> s = Files.list(root)) {
      runs = s.filter(p -> Files.isRegularFile(p.resolve("run"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path dir : runs) push(dir, env, out);
    if (runs.isEmpty()) out.println("nothing spooled in " + root);
    return runs.size();
  }

  private static void push(Path dir, Map<String, String> env, PrintStream out) {
    Spool.Content c = Spool.read(dir);
    String runId = dir.getFileName().toString();
    try (ServerApi api = new ServerApi(ServerCredentials.fromEnvironment(c.server(), env), 30_000)) {
      Service.Run run = api.run(runId).orElseThrow(() -> new ConfigException(
          "--spool: run " + runId + " is not on " + c.server() + "; its spool stays in " + dir));
      for (int i = 0; i < c.params().size(); i += Outbox.MAX_PARAMS) {
        api.logBatch(runId, List.of(), c.params().subList(i, Math.min(i + Outbox.MAX_PARAMS, c.params().size())), List.of());
      }
      for (int i = 0; i < c.tags().size(); i += Outbox.MAX_TAGS) {
        api.logBatch(runId, List.of(), List.of(), c.tags().subList(i, Math.min(i + Outbox.MAX_TAGS, c.tags().size())));
      }
      for (int i = 0; i < c.metrics().size(); i += Outbox.MAX_ENTITIES) {
        api.logBatch(runId, c.metrics().subList(i, Math.min(i + Outbox.MAX_ENTITIES, c.metrics().size())), List.of(),
            List.of());
      }
      Map<String, byte[]> artifacts = artifacts(c.artifacts());
      for (var a : artifacts.entrySet()) api.putArtifact(c.artifactUri(), a.getKey(), a.getValue());
      if (run.getInfo().getStatus() == Service.RunStatus.RUNNING) {
        api.logBatch(runId, List.of(), List.of(), List.of(Service.RunTag.newBuilder().setKey(Tags.NOTE)
            .setValue("killed: the process died; what it spooled was sent by vae push --spool").build()));
        api.setStatus(runId, RunStatus.KILLED, System.currentTimeMillis());
      }
      out.printf("run %s: sent %d metric points, %d params, %d tags, %d artifacts from %s%n", runId,
          c.metrics().size(), c.params().size(), c.tags().size(), artifacts.size(), dir);
    }
    Spool.delete(dir);
  }

  /** The spooled artifacts by relative path. */
  static Map<String, byte[]> artifacts(Path root) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (!Files.isDirectory(root)) return out;
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
          .toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
