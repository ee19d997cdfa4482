package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the container image packages (docker/dist.sh, copied by docker/Dockerfile): assembled into
 * a fresh directory, it lists the plugins and trains the ring from a clean working directory, with
 * no class path from the environment and none of the repository beside it.
 */
class DistributionIT {
  @TempDir Path tmp;

  @Test
  void theDistributionRunsOnItsOwnFromACleanDirectory() throws Exception {
    Path dist = tmp.resolve("opt-vae");
    assertEquals(0, run(Path.of("").toAbsolutePath(), List.of("bash", "docker/dist.sh", dist.toString())).code());
    Path work = Files.createDirectories(tmp.resolve("work"));
    Result plugins = run(work, List.of(dist.resolve("vae").toString(), "plugins"));
    assertEquals(0, plugins.code(), plugins.out());
    assertTrue(plugins.out().contains("  mlp - ") && plugins.out().contains("mlflow-file"), plugins.out());
    Result train = run(work, List.of(dist.resolve("vae").toString(), "train", "--config",
        dist.resolve("experiments/ring.yaml").toString(), "--set", "training.epochs=1"));
    assertEquals(0, train.code(), train.out());
    assertTrue(train.out().contains("done: run ") && Files.isDirectory(work.resolve("mlruns")), train.out());
  }

  private record Result(int code, String out) {}

  private static Result run(Path dir, List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("CLASSPATH");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "ends: " + command);
    return new Result(p.exitValue(), out);
  }
}
