package org.vaelab.experiments.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service;

/** Retry policy, timeouts and credentials of the server calls, against a scripted HTTP server. */
class ServerApiTest {
  private static final List<Service.Metric> ONE = List.of(
      Service.Metric.newBuilder().setKey("a").setValue(1).setTimestamp(5).setStep(1).build());

  private static ServerApi api(FakeMlflow f, Map<String, String> env) {
    return new ServerApi(ServerCredentials.fromEnvironment(f.uri(), env), 2000);
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    try (FakeMlflow f = new FakeMlflow(r -> new FakeMlflow.Answer(400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\"}"));
         ServerApi api = api(f, Map.of())) {
      ServerException e = assertThrows(ServerException.class,
          () -> Retry.run("log-batch", 10_000, () -> api.logBatch("r1", ONE, List.of(), List.of())));
      assertEquals(1, f.requests.size(), "one request, no retry of a 4xx");
      assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
    }
  }

  @Test
  void serverErrorsAndRateLimitsAreRetriedUntilTheyPass() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (FakeMlflow f = new FakeMlflow(r -> switch (calls.incrementAndGet()) {
      case 1 -> new FakeMlflow.Answer(503, "busy");
      case 2 -> new FakeMlflow.Answer(429, "slow down");
      default -> new FakeMlflow.Answer(200, "{}");
    }); ServerApi api = api(f, Map.of())) {
      Retry.run("log-batch", 10_000, () -> api.logBatch("r1", ONE, List.of(), List.of()));
      assertEquals(3, f.requests.size());
    }
  }

  @Test
  void anUnreachableServerFailsAfterTheRetryBudgetWithoutCredentialsInTheMessage() {
    ServerApi api = new ServerApi(ServerCredentials.fromEnvironment("http://127.0.0.1:9",
        Map.of("MLFLOW_TRACKING_USERNAME", "alice", "MLFLOW_TRACKING_PASSWORD", "s3cret-pw")), 500);
    ServerException e = assertThrows(ServerException.class,
        () -> Retry.run("log-batch", 600, () -> api.logBatch("r1", ONE, List.of(), List.of())));
    assertTrue(e.getMessage().contains("server unavailable"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
    assertFalse(e.getMessage().contains("alice"), e.getMessage());
  }

  @Test
  void basicAndBearerCredentialsComeFromTheEnvironment() throws Exception {
    try (FakeMlflow f = new FakeMlflow(r -> new FakeMlflow.Answer(200, "{}"))) {
      try (ServerApi api = api(f, Map.of("MLFLOW_TRACKING_USERNAME", "alice", "MLFLOW_TRACKING_PASSWORD", "pw"))) {
        api.logBatch("r1", ONE, List.of(), List.of());
        api.putArtifact("mlflow-artifacts:/1/r1/artifacts", "a/b.txt", new byte[] {1});
      }
      try (ServerApi api = api(f, Map.of("MLFLOW_TRACKING_TOKEN", "tok"))) {
        api.logBatch("r1", ONE, List.of(), List.of());
      }
      assertEquals("Basic YWxpY2U6cHc=", f.requests.get(0).authorization());
      assertEquals("Basic YWxpY2U6cHc=", f.requests.get(1).authorization());
      assertEquals("PUT", f.requests.get(1).method());
      assertEquals("/api/2.0/mlflow-artifacts/artifacts/1/r1/artifacts/a/b.txt", f.requests.get(1).path());
      assertEquals("Bearer tok", f.requests.get(2).authorization());
      assertFalse(ServerCredentials.fromEnvironment(f.uri(), Map.of("MLFLOW_TRACKING_TOKEN", "t0k-secret")).toString()
          .contains("t0k-secret"));
    }
  }

  @Test
  void aSlowServerTimesOut() throws Exception {
    try (FakeMlflow f = new FakeMlflow(r -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new FakeMlflow.Answer(200, "{}");
    }); ServerApi api = new ServerApi(ServerCredentials.fromEnvironment(f.uri(), Map.of()), 300)) {
      long t0 = System.nanoTime();
      RuntimeException e = assertThrows(RuntimeException.class, () -> api.logBatch("r1", ONE, List.of(), List.of()));
      assertTrue(Retry.retryable(e), "a timeout is retryable: " + e);
      assertTrue((System.nanoTime() - t0) / 1e9 < 2.5, "gave up before the server answered");
    }
  }
}
