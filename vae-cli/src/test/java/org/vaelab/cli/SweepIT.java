package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.api.track.RunStatus;
import org.vaelab.experiments.track.LocalRun;
import org.vaelab.experiments.track.LocalStore;

/** A local sweep of tiny ring trials as child processes: structure, failure, resume, and the worker's exit codes. */
class SweepIT {
  @TempDir Path tmp;

  private Path sweep(String extra) throws Exception {
    Path base = tmp.resolve("ring.yaml");
    Files.writeString(base, TrainEndToEndTest.RING);
    Path file = tmp.resolve("sweep.yaml");
    Files.writeString(file, """
        name: tiny
        base: %s
        seeds: [0, 1]
        parameters:
          optimizer.lr: {values: [0.005, 1.0e+30]}
          schedule: {values: [{type: constant}, {type: linear-warmup, steps: 10, epochs: 0}]}
        %s""".formatted(base, extra));
    return file;
  }

  private static Map<String, List<LocalRun>> trialsById(Path store) {
    if (!Files.isDirectory(store)) return Map.of();
    return new LocalStore(store).runs().stream().filter(r -> r.tags().containsKey("trial.id"))
        .collect(Collectors.groupingBy(r -> r.tags().get("trial.id")));
  }

  @Test
  void aSweepRunsEveryTrialAsAChildRunAndResumingRetriesOnlyTheFailedOnes() throws Exception {
    Path file = sweep("");
    Path store = tmp.resolve("mlruns");
    Cli first = Cli.run("sweep", "run", file.toString(), "--parallel", "2", "--tracking-dir", store.toString());
    assertEquals(1, first.code(), "the diverging trials fail: " + first.out() + first.err());
    assertTrue(first.out().contains("4 trials failed"), first.out());

    List<LocalRun> all = new LocalStore(store).runs();
    LocalRun parent = all.stream().filter(r -> "parent".equals(r.tags().get("vaelab.sweep.role"))).findFirst().orElseThrow();
    assertEquals(RunStatus.FAILED, parent.status(), "not every trial finished");
    List<LocalRun> children = all.stream().filter(r -> r.tags().containsKey("trial.id")).toList();
    assertEquals(8, children.size());
    for (LocalRun c : children) {
      assertEquals(parent.runId(), c.tags().get("mlflow.parentRunId"));
      assertEquals("tiny", c.tags().get("sweep.id"));
      assertEquals(children.get(0).params().keySet(), c.params().keySet(), "identical param keys");
    }
    assertTrue(parent.artifacts().contains("sweep.yaml"));
    String bestTrial = parent.tags().get("sweep.best_trial");
    assertTrue(List.of("0", "1", "2", "3").contains(bestTrial), "a finished trial is the best: " + bestTrial);
    assertEquals("True", parent.tags().get("mlflow.loggedImages"), "the summary picture is an MLflow image");
    String summary = parent.artifacts().stream().filter(a -> a.matches("images/sweep~summary\\+step\\+0\\+.*\\+[-0-9a-f]{36}\\.png"))
        .findFirst().orElseThrow(() -> new AssertionError("no summary image in " + parent.artifacts()));
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(parent.artifact(summary)));
    assertEquals(2 * 320, img.getWidth(), "one panel per swept parameter");
    assertEquals("test/elbo", parent.experimentTags().get("mlflow.experiment.primaryMetric.name"));

    Cli again = Cli.run("sweep", "run", file.toString(), "--tracking-dir", store.toString());
    assertTrue(again.out().contains("4 of 8 trials to run"), again.out());
    for (List<LocalRun> runs : trialsById(store).values()) {
      long finished = runs.stream().filter(r -> r.status() == RunStatus.FINISHED).count();
      assertTrue(finished == 1 && runs.size() == 1 || finished == 0 && runs.size() == 2,
          "a finished trial is not run again; a failed one is retried: " + runs);
    }
  }

  @Test
  void aChangedSweepFileIsRefusedUnlessForced() throws Exception {
    Path store = tmp.resolve("mlruns");
    Path file = sweep("");
    Files.writeString(file, Files.readString(file).replace("1.0e+30", "0.01"));
    assertEquals(0, Cli.run("sweep", "run", file.toString(), "--tracking-dir", store.toString()).code());
    Files.writeString(file, Files.readString(file) + "max_retries: 1\n");
    Cli refused = Cli.run("sweep", "run", file.toString(), "--tracking-dir", store.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("was started from a different file"), refused.err());
    assertEquals(0, Cli.run("sweep", "run", file.toString(), "--tracking-dir", store.toString(), "--force").code());
  }

  @Test
  void theWorkerIsIdempotentReadsItsIndexFromTheEnvironmentAndExits3OnABadTrial() throws Exception {
    Path store = tmp.resolve("mlruns");
    Path file = sweep("");
    Cli worker = Cli.run(Map.of("SLURM_ARRAY_TASK_ID", "2"), "sweep", "trial", file.toString(), "--index-env",
        "SLURM_ARRAY_TASK_ID", "--tracking-dir", store.toString());
    assertEquals(0, worker.code(), worker.err());
    Cli again = Cli.run("sweep", "trial", file.toString(), "--index", "2", "--tracking-dir", store.toString());
    assertEquals(0, again.code());
    assertTrue(again.out().contains("trial 2 already finished"), again.out());
    assertEquals(1, trialsById(store).size(), "one run");
    assertEquals(3, Cli.run("sweep", "trial", file.toString(), "--index", "99", "--tracking-dir", store.toString()).code());
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(file).replace("optimizer.lr", "optimizer.lrr"));
    assertEquals(3, Cli.run("sweep", "trial", bad.toString(), "--index", "0", "--tracking-dir", store.toString()).code());
  }

  @Test
  void aSweepKilledWithSigkillIsResumedToTheEndWithNoTrialFinishedTwice() throws Exception {
    Path base = tmp.resolve("slow-ring.yaml");
    Files.writeString(base, TrainEndToEndTest.RING.replace("trainSize: 300", "trainSize: 3000")
        .replace("epochs: 6", "epochs: 12").replace("logEvery: 2}", "logEvery: 2, backend: nd4j}"));
    Path file = tmp.resolve("sweep.yaml");
    Files.writeString(file, "name: killed\nbase: " + base + "\nheartbeat_timeout: 2\nparameters:\n"
        + "  encoder.latentDim: {values: [1, 2, 3, 4]}\n");
    Path store = tmp.resolve("mlruns");
    Process runner = new ProcessBuilder("./vae", "sweep", "run", file.toString(), "--parallel", "2", "--tracking-dir",
        store.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("runner.log").toFile()).start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (trialsById(store).values().stream().flatMap(List::stream)
        .noneMatch(r -> r.artifacts().contains("checkpoint/state.yaml"))) {
      assertTrue(runner.isAlive() && System.currentTimeMillis() < deadline, "a trial checkpointed before the kill");
      Thread.sleep(100);
    }
    runner.descendants().forEach(ProcessHandle::destroyForcibly);  // kill -9, trials included: a crash
    runner.destroyForcibly().waitFor();
    Thread.sleep(2500);  // past the heartbeat timeout

    Cli resumed = Cli.run("sweep", "run", file.toString(), "--parallel", "2", "--tracking-dir", store.toString());
    assertEquals(0, resumed.code(), resumed.out() + resumed.err());
    Map<String, List<LocalRun>> byTrial = trialsById(store);
    assertEquals(4, byTrial.size());
    for (List<LocalRun> runs : byTrial.values()) {
      assertEquals(1, runs.stream().filter(r -> r.status() == RunStatus.FINISHED).count(), "one finished run: " + runs);
      for (LocalRun r : runs) {
        for (var m : r.metrics().entrySet()) {  // train/ metrics logged after the checkpoint included
          List<Long> steps = m.getValue().stream().map(LocalRun.Point::step).toList();
          assertEquals(steps.stream().distinct().count(), steps.size(), m.getKey() + ": no step twice: " + steps);
        }
      }
    }
  }

  @Test
  void theMedianRuleStopsTrialsWorseThanTheirFinishedSiblings() throws Exception {
    Path base = tmp.resolve("ring.yaml");
    Files.writeString(base, TrainEndToEndTest.RING);
    Path file = tmp.resolve("sweep.yaml");
    Files.writeString(file, "name: pruned\nbase: " + base + "\nseeds: [0, 1]\nearly_terminate: {type: median, min_epochs: 2}\n"
        + "parameters:\n  optimizer.lr: {values: [0.005, 1.0e-7]}\n");
    Path store = tmp.resolve("mlruns");
    Cli r = Cli.run("sweep", "run", file.toString(), "--tracking-dir", store.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    for (List<LocalRun> runs : trialsById(store).values()) {
      LocalRun run = runs.get(0);
      boolean slow = run.params().get("optimizer.lr").equals("1.0E-7");
      assertEquals(RunStatus.FINISHED, run.status());
      assertEquals(slow, run.tags().containsKey("vaelab.pruned"), "only the lr 1e-7 trials are pruned: " + run.tags());
      assertEquals(slow ? 2 : 6, Files.readAllLines(run.dir().resolve("metrics/test/elbo")).size());
    }
  }
}
