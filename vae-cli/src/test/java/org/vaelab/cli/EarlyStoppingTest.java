package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.cli.TrainEndToEndTest.onlyRun;
import static org.vaelab.cli.TrainEndToEndTest.steps;
import static org.vaelab.cli.TrainEndToEndTest.values;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validation split and early stopping on the ring: where it stops, the best weights, and resume. */
class EarlyStoppingTest {
  @TempDir Path tmp;

  // lr high enough that the validation ELBO wanders, so patience 3 runs out (at epoch 32 for this seed)
  static final String RING = """
      name: ring-es
      experiment: es
      seed: 4
      dataset: {type: ring, trainSize: 300, testSize: 100}
      encoder: {type: mlp, hiddenDims: [16], latentDim: 2, activation: tanh}
      decoder: {type: mlp, hiddenDims: [16], activation: tanh}
      likelihood: {type: gaussian, sigma: 0.2}
      optimizer: {lr: 0.02}
      training: {epochs: 60, batchSize: 64, logEvery: 2, validation: {size: 100},
                 earlyStopping: {metric: validation/elbo, patience: 3, countFrom: 5}}
      evaluation: {finalK: 20, finalGapPoints: 0}
      """;

  private Path config() throws IOException {
    Path c = tmp.resolve("ring.yaml");
    Files.writeString(c, RING);
    return c;
  }

  @Test
  void stopsOncePatienceRunsOutAndEvaluatesTheBestEpochsWeights() throws IOException {
    Path store = tmp.resolve("mlruns");
    Cli r = Cli.run("train", "--config", config().toString(), "--tracking-dir", store.toString());
    assertEquals(0, r.code(), r.err());
    Path run = onlyRun(store);
    List<Double> valid = values(run.resolve("metrics/validation/elbo"));
    int stopped = valid.size();
    assertTrue(stopped < 60, "stopped early, after " + stopped + " epochs");
    int best = 0;
    for (int i = 1; i < stopped; i++) if (valid.get(i) > valid.get(best)) best = i;
    assertEquals(stopped - 1 - best, 4, "stopped at the 4th epoch without improvement (patience 3): " + valid);
    assertTrue(best + 1 >= 5, "counted from epoch 5");
    java.util.Set<String> contexts = new java.util.TreeSet<>();
    try (var inputs = java.nio.file.Files.list(run.resolve("inputs"))) {
      for (Path in : inputs.toList()) {
        String meta = java.nio.file.Files.readString(in.resolve("meta.yaml"));
        contexts.add(meta.substring(meta.indexOf("mlflow.data.context: ") + 21).trim());
      }
    }
    assertEquals(java.util.Set.of("'train'", "'validation'", "'test'"), contexts, "MLflow dataset inputs per split");
    java.util.Map<String, Path> models = new java.util.TreeMap<>();
    try (var dirs = java.nio.file.Files.list(run.getParent().resolve("models"))) {
      for (Path m : dirs.toList()) models.put(java.nio.file.Files.readString(m.resolve("tags/vaelab.weights")), m);
    }
    assertEquals(java.util.Set.of("best", "final"), models.keySet(), "best and final weights as two logged models");
    assertTrue(java.nio.file.Files.exists(models.get("best").resolve("metrics/eval/log_px")), "eval measured the best");
    assertFalse(java.nio.file.Files.exists(models.get("final").resolve("metrics/eval/log_px")));
    assertArrayEquals(java.nio.file.Files.readAllBytes(run.resolve("artifacts/checkpoint/best/model.bin")),
        java.nio.file.Files.readAllBytes(models.get("best").resolve("artifacts/model.bin")));
    assertEquals((double) best + 1, last(values(run.resolve("metrics/best/epoch"))));
    assertEquals(valid.get(best), last(values(run.resolve("metrics/best/validation_elbo"))), 1e-12);
    assertEquals(List.of((double) stopped), values(run.resolve("metrics/train/stopped_epoch")));
    assertTrue(Files.readString(run.resolve("tags/vaelab.early_stopped")).startsWith("epoch " + stopped + ": "));
    assertTrue(Files.readString(run.resolve("artifacts/checkpoint/best/state.yaml")).contains("epoch: " + (best + 1)));
    assertTrue(Files.isRegularFile(run.resolve("metrics/eval/log_px")), "the final evaluation ran");
    // 200 training examples in batches of 64: 4 steps an epoch; the evaluation sits at the last step
    assertEquals(List.of(4L * stopped), steps(run.resolve("metrics/eval/log_px")));
    assertTrue(r.out().contains("best epoch's weights (epoch " + (best + 1) + ","), r.out());
    Cli again = Cli.run("train", "--resume", run.getFileName().toString(), "--tracking-dir", store.toString());
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("stopped early at epoch " + stopped), again.err());
  }

  @Test
  void resumeFinishesAFinalEvaluationThatWasCutShort() throws IOException {
    Path store = tmp.resolve("mlruns");
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", store.toString()).code());
    Path run = onlyRun(store);
    List<Double> logPx = values(run.resolve("metrics/eval/log_px"));
    List<Long> at = steps(run.resolve("metrics/eval/log_px"));
    // what a kill during the final evaluation leaves: training done, none of the eval/ metrics logged
    try (var files = Files.walk(run.resolve("metrics/eval"))) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
    Cli r = Cli.run("train", "--resume", run.getFileName().toString(), "--tracking-dir", store.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("its final evaluation did not finish: running it"), r.out());
    assertEquals(logPx, values(run.resolve("metrics/eval/log_px")), "the same best weights, the same estimate");
    assertEquals(at, steps(run.resolve("metrics/eval/log_px")));
    Cli again = Cli.run("train", "--resume", run.getFileName().toString(), "--tracking-dir", store.toString());
    assertEquals(2, again.code(), again.err());
  }

  private static double last(List<Double> v) {
    return v.get(v.size() - 1);
  }

  @Test
  void resumeContinuesThePatienceCount() throws IOException {
    Path whole = tmp.resolve("whole");
    Path parts = tmp.resolve("parts");
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", whole.toString()).code());
    List<Double> straight = values(onlyRun(whole).resolve("metrics/validation/elbo"));
    int stop = straight.size();
    // stop two epochs before the end: the count is then 2, and a lost count would run on past the stop
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", parts.toString(),
        "--set", "training.epochs=" + (stop - 2), "--set", "evaluation.atEnd=false").code());
    String id = onlyRun(parts).getFileName().toString();
    Cli r = Cli.run("train", "--resume", id, "--tracking-dir", parts.toString(), "--set", "training.epochs=60");
    assertEquals(0, r.code(), r.err());
    assertEquals(straight, values(onlyRun(parts).resolve("metrics/validation/elbo")), "the same epochs, the same stop");
  }
}
