package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's JIT directives: this JVM parses jit-directives.json into a directive that keeps C2
 * off the Vector API's classes and leaves C1 alone, and one that keeps the kernels' loop bodies out
 * of the methods that call them ({@code JitDirectivesIT} runs them through the launcher).
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
    assertTrue(err.contains("2 compiler directives added"), err);
    String vectorApi = directive(err, "jdk/incubator/vector/*.*");
    String c2 = vectorApi.substring(vectorApi.indexOf("c2 directives:"));
    assertTrue(c2.contains("Exclude:true"), "C2 excludes them: " + c2);
    String c1 = vectorApi.substring(vectorApi.indexOf("c1 directives:"), vectorApi.indexOf("c2 directives:"));
    assertTrue(c1.contains("Exclude:false"), "C1 still compiles them: " + c1);
    String ours = directive(err, "org/vaelab/*.*");
    for (String body : new String[] {"*Row", "*Chunk", "*Piece", "adamTail", "bytes", "fast", "pointer"}) {
      assertTrue(ours.contains("-org/vaelab/experiments/backend/VectorKernels." + body), body + " is not inlined: " + ours);
    }
    assertTrue(ours.contains("-org/vaelab/experiments/backend/VectorActivations.*Row"), "the activations' loops: " + ours);
    assertTrue(ours.contains("Exclude:false"), ours);
  }

  /** The printed directive whose match list names {@code pattern}, up to the next one. */
  private static String directive(String printed, String pattern) {
    for (String d : printed.split("Directive:")) {
      boolean names = d.lines().map(String::strip).filter(l -> l.startsWith("matching: "))
          .anyMatch(l -> List.of(l.substring("matching: ".length()).split(", ")).contains(pattern));
      if (names) return d;
    }
    throw new AssertionError("no directive matching " + pattern + ": " + printed);
  }
}
