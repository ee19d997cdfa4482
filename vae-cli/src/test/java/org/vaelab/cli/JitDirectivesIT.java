package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher installs its JIT directives, and its stderr filter drops the line the JVM prints about them. */
class JitDirectivesIT {
  @Test
  void theLauncherInstallsThemAndDropsTheJvmsLine() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("./vae", "--help");  // ITs run in the repository root, as BenchIT
    pb.environment().put("VAE_JAVA_OPTS", "-XX:+CompilerDirectivesPrint");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "vae --help ends");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    assertTrue(out.startsWith("Usage: vae"), out);
    assertTrue(err.contains("matching: jdk/internal/vm/vector/*.*, jdk/incubator/vector/*.*")
        || err.contains("matching: jdk/incubator/vector/*.*, jdk/internal/vm/vector/*.*"), err);
    assertTrue(!err.contains("compiler directives added") && !err.contains("Using incubator modules"), err);
  }
}
