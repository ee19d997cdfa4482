package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code inspect_run.py} with the real MLflow Python API and returns what it reports about a
 * run as "kind key" → value. Without MLflow the test is skipped locally and fails under CI
 * ({@code CI} set), where .ci/run must have installed it.
 */
final class MlflowPython {
  private MlflowPython() {}

  static void require() throws InterruptedException {
    boolean installed;
    try {
      installed = new ProcessBuilder("python3", "-c", "import mlflow").start().waitFor() == 0;
    } catch (IOException e) {
      installed = false;
    }
    if (installed) return;
    Required.that(false, "MLflow is not installed (pip install mlflow==3.17.2; .ci/run does it)");
  }

  /** Facts about {@code runId} as the Python API sees them at {@code trackingUri}. */
  static Map<String, String> inspect(String trackingUri, String runId, Path tmp, Map<String, String> env) throws Exception {
    require();
    Files.createDirectories(tmp);
    Path script = tmp.resolve("inspect_run.py");
    try (InputStream in = MlflowPython.class.getResourceAsStream("/inspect_run.py")) {
      Files.write(script, in.readAllBytes());
    }
    ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), trackingUri, runId, tmp.resolve("download").toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the MLflow Python API answered");
    assertEquals(0, p.exitValue(), err);
    Map<String, String> facts = new LinkedHashMap<>();
    for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
      String[] f = line.split("\t", 3);
      if (f.length == 3) facts.put(f[0] + " " + f[1], f[2]);
    }
    return facts;
  }

  /** The integer steps of a metric history as reported ("0,10,20"). */
  static List<Long> steps(Map<String, String> facts, String metric) {
    String s = facts.get("history " + metric);
    if (s == null) fail("no metric " + metric + " in " + facts.keySet());
    List<Long> out = new ArrayList<>();
    for (String x : s.split(",")) if (!x.isEmpty()) out.add(Long.parseLong(x));
    return out;
  }
}
