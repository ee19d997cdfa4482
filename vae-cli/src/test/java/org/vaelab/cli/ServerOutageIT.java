package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/** The MLflow server is stopped mid-run and restarted: training carries on and every metric arrives once. */
class ServerOutageIT {
  @TempDir Path tmp;

  static final String LONG_RING = """
      name: outage
      experiment: outage
      seed: 1
      dataset: {type: ring, trainSize: 4000, testSize: 200}
      encoder: {type: mlp, hiddenDims: [32], latentDim: 2, activation: tanh}
      decoder: {type: mlp, hiddenDims: [32], activation: tanh}
      likelihood: {type: gaussian, sigma: 0.2}
      # the tracker is under test: the nd4j backend keeps the run long enough to stop the server mid-run
      training: {epochs: 60, batchSize: 20, logEvery: 10, backend: nd4j}
      evaluation: {atEnd: false}
      """;

  @Test
  void metricsLoggedWhileTheServerIsDownReachItExactlyOnceAfterItComesBack() throws Exception {
    Path config = tmp.resolve("outage.yaml");
    Files.writeString(config, LONG_RING);
    PrintStream stderr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));  // the tracker warns on stderr
    try (MlflowServer server = MlflowServer.start(tmp.resolve("server"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      CompletableFuture<Integer> training = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"train",
          "--config", config.toString(), "--tracking-uri", server.uri(), "--set", "tracker.flushSeconds=0.2",
          "--set", "tracker.timeoutSeconds=2"}, new PrintStream(out, true, StandardCharsets.UTF_8),
          System.err, false, Map.of()));
      waitFor(() -> epochs(out) >= 2, "two epochs trained");
      String id = MlflowServerIT.runId(out.toString(StandardCharsets.UTF_8));
      try (MlflowClient rest = new MlflowClient(server.uri())) {
        waitFor(() -> !rest.getMetricHistory(id, "train/loss").isEmpty(), "metrics on the server");
      }
      server.stop();
      int atStop = epochs(out);
      waitFor(() -> epochs(out) >= atStop + 3 || training.isDone(), "training goes on while the server is down");
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("unavailable"), err.toString(StandardCharsets.UTF_8));
      server.start();
      assertEquals(0, training.get(10, TimeUnit.MINUTES), err.toString(StandardCharsets.UTF_8));

      try (MlflowClient rest = new MlflowClient(server.uri())) {
        Service.Run run = rest.getRun(id);
        assertEquals(Service.RunStatus.FINISHED, run.getInfo().getStatus());
        long steps = 60 * 200;
        List<Long> expected = LongStream.rangeClosed(1, steps / 10).map(i -> 10 * i).boxed().toList();
        for (String key : List.of("train/loss", "train/kl", "train/elbo")) {
          assertEquals(expected, rest.getMetricHistory(id, key).stream().map(Service.Metric::getStep).toList(),
              key + ": every step once, in order");
        }
        assertEquals(60, rest.getMetricHistory(id, "test/elbo").size());
      }
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("is back"), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(stderr);
      stderr.print(err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aProcessKilledWhileTheServerIsDownLeavesASpoolThatPushDeliversOnce() throws Exception {
    Path config = tmp.resolve("outage.yaml");
    Files.writeString(config, LONG_RING);
    Path spool = tmp.resolve("spool");
    try (MlflowServer server = MlflowServer.start(tmp.resolve("server"))) {
      ProcessBuilder pb = new ProcessBuilder("./vae", "train", "--config", config.toString(), "--tracking-uri",
          server.uri(), "--set", "tracker.flushSeconds=0.2", "--set", "tracker.timeoutSeconds=2")
          .redirectError(tmp.resolve("err.txt").toFile());
      pb.environment().put("VAE_SPOOL_DIR", spool.toString());
      Process p = pb.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> {
        try {
          p.getInputStream().transferTo(out);
        } catch (java.io.IOException ignored) {
          // the process was killed
        }
      });
      reader.start();
      waitFor(() -> epochs(out) >= 2, "two epochs trained");
      String id = MlflowServerIT.runId(out.toString(StandardCharsets.UTF_8));
      try (MlflowClient rest = new MlflowClient(server.uri())) {
        waitFor(() -> !rest.getMetricHistory(id, "train/loss").isEmpty(), "metrics on the server");
      }
      server.stop();
      int atStop = epochs(out);
      waitFor(() -> epochs(out) >= atStop + 3, "training goes on while the server is down");
      p.destroyForcibly().waitFor();  // kill -9: what was not sent lives only in the spool
      Path journal = spool.resolve(id).resolve("journal");
      assertTrue(Files.size(journal) > 0, "spooled to " + journal);
      List<Long> spooled = Files.readAllLines(journal).stream().filter(l -> l.startsWith("m "))
          .filter(l -> new String(java.util.Base64.getDecoder().decode(l.split(" ")[1]), StandardCharsets.UTF_8)
              .equals("train/loss")).map(l -> Long.parseLong(new String(java.util.Base64.getDecoder()
              .decode(l.split(" ")[2]), StandardCharsets.UTF_8).split(" ")[2])).toList();

      server.start();
      System.setProperty("vaelab.spoolDir", spool.toString());
      try {
        Cli pushed = Cli.run("push", "--spool");
        assertEquals(0, pushed.code(), pushed.err());
        assertTrue(pushed.out().contains("run " + id + ": sent "), pushed.out());
      } finally {
        System.clearProperty("vaelab.spoolDir");
      }
      assertFalse(Files.exists(spool.resolve(id)), "a delivered spool is deleted");
      try (MlflowClient rest = new MlflowClient(server.uri())) {
        assertEquals(Service.RunStatus.KILLED, rest.getRun(id).getInfo().getStatus());
        List<Long> onServer = rest.getMetricHistory(id, "train/loss").stream().map(Service.Metric::getStep).toList();
        assertEquals(spooled, onServer, "every spooled step once, none lost");
        assertTrue(onServer.size() >= (atStop + 3) * 20, "steps from after the outage: " + onServer.size());
      }
    }
  }

  private static int epochs(ByteArrayOutputStream out) {
    return (int) out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("epoch ")).count();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 300_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting: " + what);
      Thread.sleep(100);
    }
  }
}
