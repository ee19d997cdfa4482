package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background kernel warm-up changes speed only: the same runs, through the launcher, log the
 * same numbers with it (the kernels compiled before step 1) and without it (interpreted at first).
 */
class KernelWarmupIT {
  private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path tmp;

  private Path train(String name, boolean warmup, String... sets) throws Exception {
    Path store = tmp.resolve(name + "-" + warmup);
    List<String> command = new ArrayList<>(List.of("./vae", "train", "--tracking-dir", store.toString()));
    command.addAll(List.of(sets));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + "-" + warmup + ".log").toFile());
    pb.environment().put("VAE_JAVA_OPTS", "-Dvaelab.warmup=" + warmup);
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "vae train ends");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(name + "-" + warmup + ".log")));
    return TrainEndToEndTest.onlyRun(store);
  }

  private void sameNumbers(String name, String... sets) throws Exception {
    Path with = train(name, true, sets);
    Path without = train(name, false, sets);
    for (String metric : List.of("train/loss", "train/kl", "test/elbo", "test/recon")) {
      List<Double> a = TrainEndToEndTest.values(with.resolve("metrics/" + metric));
      assertTrue(a.size() >= 2, name + " " + metric + ": " + a);
      assertEquals(a, TrainEndToEndTest.values(without.resolve("metrics/" + metric)), name + " " + metric);
    }
  }

  @Test
  void aReluMlpOnFashionMnistLogsTheSameNumbersWithAndWithoutTheWarmup() throws Exception {
    assertTrue(Files.isDirectory(FASHION), "Fashion-MNIST is installed by .ci/run");
    sameNumbers("quickstart", "--config", "experiments/quickstart.yaml", "--set", "training.epochs=2",
        "--set", "dataset.trainLimit=3200", "--set", "dataset.testLimit=500", "--set", "training.logEvery=5",
        "--set", "evaluation.finalK=5", "--set", "evaluation.finalExamples=20", "--set", "evaluation.finalGapPoints=4");
  }

  @Test
  void aTanhMlpWithAGaussianLikelihoodDoesToo() throws Exception {
    sameNumbers("ring", "--config", "experiments/ring.yaml", "--set", "training.epochs=3");
  }
}
