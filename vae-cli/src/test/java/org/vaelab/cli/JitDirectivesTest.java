package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's JIT settings: this JVM parses jit-directives.json into one directive that keeps C2
 * off the Vector API's classes, the launcher passes it with the rest of its JIT options, and its
 * stderr filter drops the line the JVM prints about it.
 */
class JitDirectivesTest {
  private static final Path LAUNCHER = Path.of("..", "vae");
  private static final Path DIRECTIVES = Path.of("src/main/resources/org/vaelab/cli/jit-directives.json");

  @Test
  void theJvmParsesTheDirectivesFile() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-XX:+UnlockDiagnosticVMOptions", "-XX:+DisplayVMOutputToStderr",
        "-XX:+CompilerDirectivesPrint", "-XX:CompilerDirectivesFile=" + DIRECTIVES, "-version").start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -version ends");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), err);
    assertEquals("", out, "the JVM's own messages go to stderr");
    assertTrue(err.contains("1 compiler directives added"), err);
    assertTrue(err.contains("jdk/incubator/vector/*.*") && err.contains("jdk/internal/vm/vector/*.*"), err);
    String c2 = err.substring(err.indexOf("c2 directives:"));
    assertTrue(c2.contains("Exclude:true"), "C2 excludes them: " + c2);
    String c1 = err.substring(err.indexOf("c1 directives:"), err.indexOf("c2 directives:"));
    assertTrue(c1.contains("Exclude:false"), "C1 still compiles them: " + c1);
  }

  @Test
  void theLauncherInstallsThemAndDropsTheJvmsLine() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("./vae", "--help").directory(LAUNCHER.getParent().toFile());
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
