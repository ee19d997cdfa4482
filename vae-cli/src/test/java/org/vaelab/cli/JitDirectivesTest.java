package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's JIT directives: this JVM parses jit-directives.json into one directive that keeps C2
 * off the Vector API's classes and leaves C1 alone ({@code JitDirectivesIT} runs them through the
 * launcher).
 */
class JitDirectivesTest {
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
}
