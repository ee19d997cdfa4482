package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.api.track.RunStatus;
import org.vaelab.experiments.track.LocalRun;
import org.vaelab.experiments.track.LocalStore;

/**
 * Ctrl-C in the middle of an epoch: the run writes a checkpoint, ends KILLED with exit code 130,
 * and {@code --resume} continues it to exactly the result of a run that was never stopped (same
 * seed, CPU, the default cpu-vector backend: the determinism check), with no metric step logged twice.
 */
class InterruptIT {
  @TempDir Path tmp;

  private static final String CONFIG = """
      name: interrupted
      seed: 11
      dataset: {type: ring, trainSize: 150000, testSize: 200}
      encoder: {type: mlp, hiddenDims: [16], latentDim: 2, activation: tanh}
      decoder: {type: mlp, hiddenDims: [16], activation: tanh}
      likelihood: {type: gaussian, sigma: 0.2}
      optimizer: {lr: 0.003}
      training: {epochs: 3, batchSize: 8, logEvery: 7}
      evaluation: {atEnd: false}
      """;

  private static LocalRun onlyRun(Path store) {
    List<LocalRun> runs = new LocalStore(store).runs();
    assertEquals(1, runs.size(), runs.toString());
    return runs.get(0);
  }

  @Test
  void ctrlCCheckpointsAndResumingGivesTheUninterruptedResult() throws Exception {
    Path config = tmp.resolve("ring.yaml");
    Files.writeString(config, CONFIG);
    Path straight = tmp.resolve("straight");
    // both through the launcher: the same process settings (thread counts) for both runs
    Process whole = new ProcessBuilder("./vae", "train", "--config", config.toString(), "--tracking-dir",
        straight.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("straight.txt").toFile()).start();
    assertTrue(whole.waitFor(120, TimeUnit.SECONDS), "the uninterrupted run ends");
    assertEquals(0, whole.exitValue(), Files.readString(tmp.resolve("straight.txt")));

    Path stopped = tmp.resolve("stopped");
    Process p = new ProcessBuilder("./vae", "train", "--config", config.toString(), "--tracking-dir", stopped.toString())
        .redirectError(tmp.resolve("err.txt").toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("epoch 1/3")) break;
    }
    Thread.sleep(200);  // into epoch 2, which takes about 2 s (on 2 cores of a 2023 Xeon)
    // TERM takes the same path as Ctrl-C, and a build started in the background (nohup, &) ignores INT
    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
    out.transferTo(java.io.Writer.nullWriter());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "vae exits after Ctrl-C");
    String err = Files.readString(tmp.resolve("err.txt"));
    assertEquals(130, p.exitValue(), err);
    assertTrue(err.contains("checkpoint written; continue with: vae train --resume"), err);
    LocalRun killed = onlyRun(stopped);
    assertEquals(RunStatus.KILLED, killed.status());
    String state = new String(killed.artifact("checkpoint/state.yaml"), StandardCharsets.UTF_8);
    assertTrue(state.contains("epochsDone: 1") && !state.contains("stepsInEpoch: 0"), "stopped mid-epoch 2: " + state);
    assertTrue(state.contains("epochElboSumSoFar:"), "the stopped epoch's sums are kept: " + state);

    Process resumed = new ProcessBuilder("./vae", "train", "--resume", killed.runId(), "--tracking-dir",
        stopped.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("resumed.txt").toFile()).start();
    assertTrue(resumed.waitFor(120, TimeUnit.SECONDS), "the resumed run ends");
    assertEquals(0, resumed.exitValue(), Files.readString(tmp.resolve("resumed.txt")));
    LocalRun done = onlyRun(stopped);
    assertEquals(RunStatus.FINISHED, done.status());
    for (Map.Entry<String, List<LocalRun.Point>> m : done.metrics().entrySet()) {
      List<Long> steps = m.getValue().stream().map(LocalRun.Point::step).toList();
      assertEquals(steps.stream().distinct().count(), steps.size(), m.getKey() + " has no step twice: " + steps);
    }
    assertEquals("0.1.0-SNAPSHOT", done.tags().get("vaelab.version.vaelab"), "versions are recorded");
    assertEquals("1.0.0-M2.1", done.tags().get("vaelab.version.nd4j"));
    assertTrue(done.tags().get("vaelab.version.java").contains("17"), done.tags().toString());
    // the resumed epoch reports the whole epoch, the batches before the stop included
    for (String metric : List.of("test/elbo", "train/epoch_elbo")) {
      List<LocalRun.Point> expected = onlyRun(straight).metrics().get(metric);
      List<LocalRun.Point> actual = done.metrics().get(metric);
      assertEquals(expected.stream().map(LocalRun.Point::step).toList(), actual.stream().map(LocalRun.Point::step).toList());
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i).value(), actual.get(i).value(), 0.0, metric + " at step " + expected.get(i).step()
            + " equals the uninterrupted run's");
      }
    }
  }
}
