package org.vaelab.experiments.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tags;

/** Batching within MLflow's REST limits, truncation and run end, against a scripted HTTP server. */
class ServerRunTest {
  private static int count(String body, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(body);
    if (!m.find() || m.group(1).isBlank()) return 0;
    return (int) Pattern.compile("\"key\"").matcher(m.group(1)).results().count();
  }

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path spool;

  @org.junit.jupiter.api.BeforeEach
  void ownSpool() { System.setProperty("vaelab.spoolDir", spool.toString()); }

  @org.junit.jupiter.api.AfterEach
  void noSpool() { System.clearProperty("vaelab.spoolDir"); }

  @Test
  void aRunThatDeliveredEverythingDeletesItsSpoolAndOneThatDidNotKeepsIt() throws Exception {
    try (FakeMlflow f = new FakeMlflow(r -> r.path().contains("log-batch")
        ? new FakeMlflow.Answer(400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad\"}")
        : new FakeMlflow.Answer(200, "{}"))) {
      ServerConfig c = new ServerConfig(f.uri(), 2, 5, 0.05, 30);
      ServerRun run = new ServerRun(new ServerApi(ServerCredentials.fromEnvironment(f.uri(), Map.of()), 2000), c, "1",
          "kept", "mlflow-artifacts:/1/kept/artifacts", new PrintStream(new ByteArrayOutputStream(), true));
      run.logMetric("m", 1.5, 7);
      run.setTag("t", "line one\nline two");
      run.finish(RunStatus.FINISHED);
      Spool.Content kept = Spool.read(spool.resolve("kept"));
      assertEquals(7, kept.metrics().get(0).getStep());
      assertEquals(1.5, kept.metrics().get(0).getValue());
      assertEquals("line one\nline two", kept.tags().get(0).getValue());
    }
    try (FakeMlflow f = new FakeMlflow(r -> new FakeMlflow.Answer(200, "{}"))) {
      ServerConfig c = new ServerConfig(f.uri(), 2, 5, 0.05, 30);
      ServerRun run = new ServerRun(new ServerApi(ServerCredentials.fromEnvironment(f.uri(), Map.of()), 2000), c, "1",
          "sent", "mlflow-artifacts:/1/sent/artifacts", System.err);
      run.logMetric("m", 1, 1);
      run.finish(RunStatus.FINISHED);
      assertTrue(!java.nio.file.Files.exists(spool.resolve("sent")), "delivered: spool deleted");
    }
  }

  @Test
  void metricsParamsAndTagsAreSentInBatchesWithinTheRestLimitsExactlyOnce() throws Exception {
    try (FakeMlflow f = new FakeMlflow(r -> new FakeMlflow.Answer(200, "{}"))) {
      ServerConfig c = new ServerConfig(f.uri(), 2, 5, 0.05, 30);
      ServerApi api = new ServerApi(ServerCredentials.fromEnvironment(f.uri(), Map.of()), c.timeoutMillis());
      ServerRun run = new ServerRun(api, c, "1", "r1", "mlflow-artifacts:/1/r1/artifacts", System.err);
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < 250; i++) params.put("p" + i, "v");
      params.put("long", "x".repeat(ServerRun.MAX_PARAM_LENGTH + 10));
      run.logParams(params);
      for (int i = 0; i < 2500; i++) run.logMetric("m", i, i);
      run.setTag("note", "y".repeat(ServerRun.MAX_TAG_LENGTH + 5));
      run.logArtifact("samples.png", new byte[] {1, 2});
      run.finish(RunStatus.FINISHED);

      List<FakeMlflow.Request> batches = f.to("runs/log-batch");
      int metrics = 0;
      int sentParams = 0;
      for (FakeMlflow.Request b : batches) {
        int m = count(b.body(), "metrics");
        int p = count(b.body(), "params");
        int t = count(b.body(), "tags");
        assertTrue(m + p + t <= 1000 && p <= 100 && t <= 100, "within limits: " + m + "/" + p + "/" + t);
        metrics += m;
        sentParams += p;
        assertTrue(b.body().length() < 1_000_000);
      }
      assertEquals(2500, metrics);
      assertEquals(251, sentParams);
      String all = String.join("\n", batches.stream().map(FakeMlflow.Request::body).toList());
      assertTrue(all.contains(Tags.TRUNCATED_PARAMS), "a tag says which param was cut");
      assertTrue(!all.contains("x".repeat(ServerRun.MAX_PARAM_LENGTH + 1)) && !all.contains("y".repeat(ServerRun.MAX_TAG_LENGTH + 1)));
      assertEquals(1, f.to("mlflow-artifacts/artifacts/1/r1/artifacts/samples.png").size());
      FakeMlflow.Request end = f.to("runs/update").get(0);
      assertTrue(end.body().contains("\"FINISHED\"") && end.body().contains("end_time"), end.body());
      assertEquals(f.requests.get(f.requests.size() - 1), end, "the run ends after everything was sent");
    }
  }

  @Test
  void aRejectedBatchIsReportedNotRetriedForever() throws Exception {
    try (FakeMlflow f = new FakeMlflow(r -> r.path().contains("log-batch")
        ? new FakeMlflow.Answer(400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad\"}")
        : new FakeMlflow.Answer(200, "{}"))) {
      ServerConfig c = new ServerConfig(f.uri(), 2, 5, 0.05, 30);
      ByteArrayOutputStream warnings = new ByteArrayOutputStream();
      ServerRun run = new ServerRun(new ServerApi(ServerCredentials.fromEnvironment(f.uri(), Map.of()), 2000), c, "1", "r1",
          "mlflow-artifacts:/1/r1/artifacts", new PrintStream(warnings, true, StandardCharsets.UTF_8));
      run.logMetric("m", 1, 1);
      run.finish(RunStatus.FINISHED);
      assertEquals(1, f.to("log-batch").size());
      assertTrue(warnings.toString(StandardCharsets.UTF_8).contains("rejected log-batch"), warnings.toString(StandardCharsets.UTF_8));
    }
  }
}
