package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.cli.TrainEndToEndTest.onlyRun;
import static org.vaelab.cli.TrainEndToEndTest.values;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The iwae objective from the command line: it trains, resumes, and buys log-likelihood over the ELBO. */
class IwaeTrainTest {
  @TempDir Path tmp;

  private Path config() throws IOException {
    Path c = tmp.resolve("ring.yaml");
    Files.writeString(c, TrainEndToEndTest.RING + "objective: {type: iwae, samples: 5}\n");
    return c;
  }

  @Test
  void trainsWithFiveSamplesAndReachesAHigherLogLikelihoodThanTheElbo() throws IOException {
    Cli iwae = Cli.run("train", "--config", config().toString(), "--tracking-dir", tmp.resolve("iwae").toString());
    assertEquals(0, iwae.code(), iwae.err());
    Cli elbo = Cli.run("train", "--config", config().toString(), "--tracking-dir", tmp.resolve("elbo").toString(),
        "--set", "objective={type: elbo}");
    assertEquals(0, elbo.code(), elbo.err());
    Path run = onlyRun(tmp.resolve("iwae"));
    assertEquals("iwae", Files.readString(run.resolve("params/objective.type")));
    assertEquals("5", Files.readString(run.resolve("params/objective.samples")));
    double withIwae = values(run.resolve("metrics/eval/log_px")).get(0);
    double withElbo = values(onlyRun(tmp.resolve("elbo")).resolve("metrics/eval/log_px")).get(0);
    assertTrue(withIwae > withElbo + 0.5, "log p(x): iwae " + withIwae + ", elbo " + withElbo);
    double bound = values(run.resolve("metrics/eval/iwae_5")).get(0);
    double elbo1 = values(run.resolve("metrics/eval/elbo_1")).get(0);
    assertTrue(elbo1 < bound && bound < withIwae + 0.5, "ELBO " + elbo1 + " < L_5 " + bound + " <~ log p(x) " + withIwae);
    List<Double> loss = values(run.resolve("metrics/train/loss"));
    assertTrue(loss.get(loss.size() - 1) < loss.get(0), "the IWAE loss falls: " + loss);
  }

  @Test
  void aResumedRunMatchesAnUninterruptedOne() throws IOException {
    Path whole = tmp.resolve("whole");
    Path parts = tmp.resolve("parts");
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", whole.toString()).code());
    assertEquals(0, Cli.run("train", "--config", config().toString(), "--tracking-dir", parts.toString(),
        "--set", "training.epochs=3").code());
    String id = onlyRun(parts).getFileName().toString();
    assertEquals(0, Cli.run("train", "--resume", id, "--tracking-dir", parts.toString(), "--set", "training.epochs=6").code());
    assertEquals(values(onlyRun(whole).resolve("metrics/test/elbo")), values(onlyRun(parts).resolve("metrics/test/elbo")));
  }
}
