package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.api.track.RunStatus;
import org.vaelab.experiments.track.LocalStore;

/** Trains the tiny ring model through the CLI and reads back the MLflow file store. */
class TrainEndToEndTest {
  @TempDir Path tmp;

  static final String RING = """
      name: ring-test
      experiment: e2e
      seed: 4
      dataset: {type: ring, trainSize: 300, testSize: 100}
      encoder: {type: mlp, hiddenDims: [16], latentDim: 2, activation: tanh}
      decoder: {type: mlp, hiddenDims: [16], activation: tanh}
      likelihood: {type: gaussian, sigma: 0.2}
      optimizer: {lr: 0.005}
      training: {epochs: 6, batchSize: 64, logEvery: 2}
      evaluation: {finalK: 50, finalGapPoints: 20, gapMaxSteps: 300}
      """;

  private Path config() throws IOException {
    Path c = tmp.resolve("ring.yaml");
    Files.writeString(c, RING);
    return c;
  }

  static Path onlyRun(Path store) throws IOException {
    try (Stream<Path> s = Files.list(store.resolve("1"))) {
      List<Path> runs = s.filter(r -> Files.isRegularFile(r.resolve("meta.yaml"))).toList();
      assertEquals(1, runs.size(), "runs " + runs);
      return runs.get(0);
    }
  }

  static List<Double> values(Path metric) throws IOException {
    return Files.readAllLines(metric).stream().map(l -> Double.parseDouble(l.split(" ")[1])).toList();
  }

  static List<Long> steps(Path metric) throws IOException {
    return Files.readAllLines(metric).stream().map(l -> Long.parseLong(l.split(" ")[2])).toList();
  }

  @Test
  void trainsAndWritesAFinishedRunWithParamsMetricsAndArtifacts() throws IOException {
    Path store = tmp.resolve("mlruns");
    Cli r = Cli.run("train", "--config", config().toString(), "--tracking-dir", store.toString());
    assertEquals(0, r.code(), r.err());
    Path run = onlyRun(store);
    assertTrue(Files.readString(run.resolve("meta.yaml")).contains("status: 3"), "FINISHED");
    assertEquals("2", Files.readString(run.resolve("params/encoder.latentDim")));
    assertEquals("gaussian", Files.readString(run.resolve("params/likelihood.type")));
    for (String m : List.of("log_px", "elbo_1", "amortisation_gap", "approximation_gap", "inference_gap", "active_units")) {
      assertEquals(List.of(30L), steps(run.resolve("metrics/eval/" + m)), "final protocol metric " + m);
    }
    assertEquals("0.2", Files.readString(run.resolve("params/likelihood.sigma")));
    assertEquals("ring-test", Files.readString(run.resolve("tags/mlflow.runName")));
    assertEquals("cpu-vector", Files.readString(run.resolve("tags/vaelab.backend")));
    assertTrue(Files.readString(run.resolve("tags/vaelab.blas")).matches("(MKL 20|OpenBLAS 0\\.).*"), "the BLAS is recorded");
    List<Double> elbo = values(run.resolve("metrics/test/elbo"));
    assertEquals(6, elbo.size());
    assertTrue(elbo.get(5) > elbo.get(0) + 1, "test ELBO improved: " + elbo);
    for (String m : List.of("train/loss", "train/elbo", "train/recon", "train/kl", "train/beta", "test/recon", "test/kl",
        "test/kl_dim/0", "test/kl_dim/1")) {
      assertTrue(Files.isRegularFile(run.resolve("metrics/" + m)), m);
    }
    // 300 examples in batches of 64: 5 steps per epoch, the last one partial, so 30 steps in all
    assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L), steps(run.resolve("metrics/test/elbo")));
    List<Long> evalSteps = steps(run.resolve("metrics/test/elbo"));
    try (Stream<Path> images = Files.list(run.resolve("artifacts/images"))) {
      List<Long> imageSteps = images.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("samples+step+")
          && !n.endsWith("+compressed.png")).map(n -> Long.parseLong(n.split("\\+")[2])).sorted().toList();
      assertEquals(evalSteps, imageSteps, "one samples image per evaluation epoch, at its step");
    }
    assertEquals("True", Files.readString(run.resolve("tags/mlflow.loggedImages")));
    for (String a : List.of("config.yaml", "samples.png", "checkpoint/model.bin", "checkpoint/state.yaml")) {
      assertTrue(Files.size(run.resolve("artifacts/" + a)) > 0, a);
    }
    assertTrue(r.out().contains("test elbo"), r.out());
    List<String> epochs = r.out().lines().filter(l -> l.startsWith("epoch ")).toList();
    assertTrue(epochs.get(0).matches("epoch 1/6 .*  eta (\\d+m)?\\d+s"), "an ETA to the last epoch: " + epochs.get(0));
    assertFalse(epochs.get(epochs.size() - 1).contains("eta"), "none on the last: " + epochs);
  }

  @Test
  void theSameSeedGivesTheSameMetrics() throws IOException {
    Path c = config();
    assertEquals(0, Cli.run("train", "--config", c.toString(), "--tracking-dir", tmp.resolve("a").toString()).code());
    assertEquals(0, Cli.run("train", "--config", c.toString(), "--tracking-dir", tmp.resolve("b").toString()).code());
    assertEquals(values(onlyRun(tmp.resolve("a")).resolve("metrics/test/elbo")),
        values(onlyRun(tmp.resolve("b")).resolve("metrics/test/elbo")));
    assertEquals(values(onlyRun(tmp.resolve("a")).resolve("metrics/train/loss")),
        values(onlyRun(tmp.resolve("b")).resolve("metrics/train/loss")));
  }

  @Test
  void fromRunReproducesARunFromItsTrackerAlone() throws IOException {
    Path a = tmp.resolve("a");
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", a.toString()).code());
    Path original = onlyRun(a);
    String id = original.getFileName().toString();
    Cli r = Cli.run("train", "--from-run", id, "--tracking-dir", a.toString());  // no config file given
    assertEquals(0, r.code(), r.err());
    Path copy;
    try (Stream<Path> s = Files.list(a.resolve("1"))) {
      copy = s.filter(p -> Files.isRegularFile(p.resolve("meta.yaml")) && !p.getFileName().toString().equals(id)).findFirst()
          .orElseThrow();
    }
    assertEquals(id, Files.readString(copy.resolve("tags/vaelab.reproduces")));
    for (String m : List.of("metrics/test/elbo", "metrics/train/loss", "metrics/eval/log_px")) {
      assertEquals(values(original.resolve(m)), values(copy.resolve(m)), m + " is reproduced exactly");
    }
    assertTrue(Files.isRegularFile(copy.resolve("tags/vaelab.version.nd4j")), "versions are recorded");
  }

  @Test
  void resumeContinuesTheSameRunAsIfItHadNotStopped() throws IOException {
    Path c = config();
    Path whole = tmp.resolve("whole");
    Path parts = tmp.resolve("parts");
    assertEquals(0, Cli.run("train", "--config", c.toString(), "--tracking-dir", whole.toString()).code());
    assertEquals(0, Cli.run("train", "--config", c.toString(), "--tracking-dir", parts.toString(),
        "--set", "training.epochs=3").code());
    String id = onlyRun(parts).getFileName().toString();
    Cli r = Cli.run("train", "--resume", id, "--tracking-dir", parts.toString(), "--set", "training.epochs=6");
    assertEquals(0, r.code(), r.err());
    Path run = onlyRun(parts);
    assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L), steps(run.resolve("metrics/test/elbo")), "no duplicated steps");
    List<Double> a = values(onlyRun(whole).resolve("metrics/test/elbo"));
    List<Double> b = values(run.resolve("metrics/test/elbo"));
    for (int i = 0; i < 6; i++) assertEquals(a.get(i), b.get(i), 1e-4, "epoch " + (i + 1));
    assertEquals(2, Cli.run("train", "--resume", id, "--tracking-dir", parts.toString()).code(), "already complete");
  }

  @Test
  void aDivergingRunFailsAtOnceNamingTheTermAndStepAndKeepsTheLastGoodCheckpoint() throws IOException {
    Path store = tmp.resolve("mlruns");
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", store.toString(),
        "--set", "training.epochs=1").code());
    Path run = onlyRun(store);
    String good = Files.readString(run.resolve("artifacts/checkpoint/state.yaml"));
    Cli r = Cli.run("train", "--resume", run.getFileName().toString(), "--tracking-dir", store.toString(),
        "--set", "training.epochs=4", "--set", "optimizer.lr=1e30");
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().matches("(?s)vae: training diverged: .* not finite at step \\d+.*"), r.err());
    String tag = Files.readString(run.resolve("tags/vaelab.failure"));
    assertTrue(tag.matches("non-finite (recon|kl|gradient) .*at step \\d+"), tag);
    assertEquals(RunStatus.FAILED, new LocalStore(store).runs().get(0).status());
    assertEquals(good, Files.readString(run.resolve("artifacts/checkpoint/state.yaml")), "the epoch-1 checkpoint stays");
  }

  @Test
  void aCyclicalScheduleRaisesBetaInCyclesThenHoldsIt() throws IOException {
    Path store = tmp.resolve("mlruns");
    Cli r = Cli.run("train", "--config", config().toString(), "--tracking-dir", store.toString(),
        "--set", "schedule={type: cyclical, cycles: 2, ratio: 0.5, cycleSteps: 10, cycleEpochs: 0}");
    assertEquals(0, r.code(), r.err());
    List<Double> beta = values(onlyRun(store).resolve("metrics/train/beta"));
    assertEquals(List.of(0.1, 0.5, 0.9, 1.0, 1.0, 0.1, 0.5, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
        beta.stream().map(b -> Math.round(b * 1e6) / 1e6).toList(), "window means of beta over steps 0..29");
  }

  @Test
  void thePlainAutoencoderBaselineTrainsWithNoKlAndIsDeterministic() throws IOException {
    Path store = tmp.resolve("mlruns");
    Cli r = Cli.run("train", "--config", config().toString(), "--tracking-dir", store.toString(),
        "--set", "encoder={type: ae, hiddenDims: [16], latentDim: 2}");
    assertEquals(0, r.code(), r.err());
    Path run = onlyRun(store);
    assertTrue(values(run.resolve("metrics/train/kl")).stream().allMatch(v -> v == 0.0), "no KL term");
    List<Double> recon = values(run.resolve("metrics/test/recon"));
    assertEquals(values(run.resolve("metrics/test/elbo")), recon, "the AE's 'elbo' is its reconstruction");
    assertTrue(recon.get(recon.size() - 1) > recon.get(0), "reconstruction improves");
    assertTrue(Files.readString(run.resolve("tags/mlflow.note.content")).startsWith("Plain autoencoder"));
    assertTrue(!Files.exists(run.resolve("metrics/test/kl_dim")), "no per-dimension KL for an AE");
  }

  @Test
  void evalLogsTheImportanceSampledLogLikelihoodIntoTheFinishedRunWithoutReopeningIt() throws IOException {
    Path store = tmp.resolve("mlruns");
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", store.toString(),
        "--set", "evaluation.atEnd=false").code());
    Path run = onlyRun(store);
    String id = run.getFileName().toString();
    Cli printed = Cli.run("eval", "--run", id, "--k", "100", "--gap-points", "10", "--no-log", "--tracking-dir",
        store.toString());
    assertEquals(0, printed.code(), printed.err());
    assertTrue(printed.out().contains("log p(x) ≈ "), printed.out());
    assertTrue(!Files.exists(run.resolve("metrics/eval")), "--no-log logs nothing");

    Cli logged = Cli.run("eval", "--run", id, "--k", "100", "--gap-points", "10", "--tracking-dir", store.toString());
    assertEquals(0, logged.code(), logged.err());
    double logPx = values(run.resolve("metrics/eval/log_px")).get(0);
    double elbo1 = values(run.resolve("metrics/eval/elbo_1")).get(0);
    assertTrue(logPx > elbo1, "log p(x) estimate " + logPx + " above the single-sample bound " + elbo1);
    assertEquals(List.of(30L), steps(run.resolve("metrics/eval/log_px")), "at the checkpoint's step");
    double amortisation = values(run.resolve("metrics/eval/amortisation_gap")).get(0);
    double stderr = values(run.resolve("metrics/eval/amortisation_gap_stderr")).get(0);
    assertTrue(amortisation > -3 * stderr, "the amortisation gap is >= 0 up to noise: " + amortisation + " ± " + stderr);
    assertTrue(Files.exists(run.resolve("artifacts/gap_histogram.png")));
    assertTrue(Files.exists(run.resolve("artifacts/latent_scatter.png")));
    assertTrue(Files.readString(run.resolve("meta.yaml")).contains("status: 3"), "still FINISHED");
  }

  @Test
  void evalOfAnAutoencoderSaysWhyThereIsNoLogLikelihood() throws IOException {
    Path store = tmp.resolve("mlruns");
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", store.toString(),
        "--set", "encoder={type: ae, hiddenDims: [8], latentDim: 2}").code());
    Path run = onlyRun(store);
    assertTrue(Files.readString(run.resolve("tags/vaelab.eval.gaps")).startsWith("not applicable: the posterior is a point mass"));
    assertTrue(Files.exists(run.resolve("metrics/eval/active_units")), "what applies is still measured");
    assertTrue(!Files.exists(run.resolve("metrics/eval/log_px")));
    Cli r = Cli.run("eval", "--run", run.getFileName().toString(), "--no-log", "--tracking-dir", store.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("posterior is a point mass (deterministic) (ae encoder)") && r.out().contains("not applicable"), r.out());
    Cli missing = Cli.run("eval", "--run", "0123456789abcdef0123456789abcdef", "--tracking-dir", store.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--run: no run 0123456789abcdef0123456789abcdef"), missing.err());
  }
}
