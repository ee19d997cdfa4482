package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.api.track.RunStatus;
import org.vaelab.experiments.track.LocalRun;
import org.vaelab.experiments.track.LocalStore;

/**
 * The disk fills up while the second checkpoint is written (a 20 MB tmpfs; each checkpoint is about
 * 12 MB and an atomic write needs room for old and new): one clear line, the run FAILED, and the
 * first checkpoint intact: a copy of the store resumes from it.
 */
class DiskFullIT {
  @TempDir Path tmp;

  private static final String BIG_RING = """
      name: full
      seed: 3
      dataset: {type: ring, trainSize: 300, testSize: 100}
      encoder: {type: mlp, hiddenDims: [700, 700], latentDim: 2, activation: tanh}
      decoder: {type: mlp, hiddenDims: [700, 700], activation: tanh}
      likelihood: {type: gaussian, sigma: 0.2}
      training: {epochs: 3, batchSize: 100}
      evaluation: {atEnd: false}
      """;

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  @Test
  void aFullDiskFailsTheRunWithOneLineAndKeepsThePreviousCheckpoint() throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("disk"));
    Required.that(run("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", disk.toString()) == 0,
        "needs root to mount a small tmpfs (CI runs as root)");
    try {
      Path config = tmp.resolve("big.yaml");
      Files.writeString(config, BIG_RING);
      Path store = disk.resolve("mlruns");
      Cli r = Cli.run("train", "--config", config.toString(), "--tracking-dir", store.toString());
      assertEquals(1, r.code(), r.out() + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().contains("cannot write the checkpoint") && r.err().contains("No space left on device")
          && r.err().contains("the previous checkpoint is intact"), r.err());
      List<LocalRun> runs = new LocalStore(store).runs();
      assertEquals(1, runs.size());
      LocalRun failed = runs.get(0);
      assertEquals(RunStatus.FAILED, failed.status());
      String state = new String(failed.artifact("checkpoint/state.yaml"), StandardCharsets.UTF_8);
      assertTrue(state.contains("epochsDone: 1"), state);

      Path copy = tmp.resolve("copy");
      assertEquals(0, run("cp", "-r", store.toString(), copy.toString()));
      Cli resumed = Cli.run("train", "--resume", failed.runId(), "--tracking-dir", copy.toString());
      assertEquals(0, resumed.code(), resumed.err());
      assertTrue(resumed.out().contains("resuming run " + failed.runId() + " after epoch 1"), resumed.out());
    } finally {
      run("umount", disk.toString());
    }
  }
}
