package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.cli.TrainEndToEndTest.onlyRun;
import static org.vaelab.cli.TrainEndToEndTest.values;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flow and two-level posteriors from the command line: they train, evaluate with the family as the proposal, and resume. */
class FlowTrainTest {
  @TempDir Path tmp;

  private Path config(String posterior) throws IOException {
    Path c = tmp.resolve("ring.yaml");
    Files.writeString(c, TrainEndToEndTest.RING + "posterior: " + posterior + "\n");
    return c;
  }

  @Test
  void planarAndIafTrainAndAreEvaluatedThroughTheirFlow() throws IOException {
    for (String posterior : new String[] {"{type: planar, flows: 4}", "{type: iaf, flows: 2, hidden: 8}",
        "{type: two-level, topDim: 1, hiddenDims: [8]}"}) {
      Path store = tmp.resolve(posterior.substring(7, 11));
      String[] extra = posterior.contains("two-level")
          ? new String[] {"--set", "prior={type: hierarchical, topDim: 1, top: vamp, components: 5, hiddenDims: [8]}",
              "--set", "encoder.latentDim=3"} : new String[0];
      String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "--config",
          config(posterior).toString(), "--tracking-dir", store.toString()), java.util.Arrays.stream(extra))
          .toArray(String[]::new);
      Cli r = Cli.run(args);
      assertEquals(0, r.code(), r.err());
      Path run = onlyRun(store);
      assertTrue(posterior.contains(Files.readString(run.resolve("params/posterior.type"))), posterior);
      double logPx = values(run.resolve("metrics/eval/log_px")).get(0);
      double elbo = values(run.resolve("metrics/eval/elbo_1")).get(0);
      assertTrue(Double.isFinite(logPx) && elbo < logPx, posterior + ": ELBO " + elbo + " < log p(x) " + logPx);
      assertTrue(Files.exists(run.resolve("metrics/eval/amortisation_gap")), posterior + ": the gaps are measured");
      assertTrue(Files.readString(run.resolve("tags/vaelab.gap_family")).contains("flow"), posterior);
      boolean twoLevel = posterior.contains("two-level");
      assertEquals(twoLevel, Files.exists(run.resolve("metrics/eval/active_units_z2")), posterior + ": active units per layer");
      if (twoLevel) {
        double z1 = values(run.resolve("metrics/eval/active_units_z1")).get(0);
        double z2 = values(run.resolve("metrics/eval/active_units_z2")).get(0);
        assertTrue(z1 >= 0 && z1 <= 2 && z2 >= 0 && z2 <= 1, "z1 " + z1 + ", z2 " + z2);
      }
    }
  }

  @Test
  void aResumedIafRunMatchesAnUninterruptedOne() throws IOException {
    Path config = config("{type: iaf, flows: 2, hidden: 8}");
    Path whole = tmp.resolve("whole");
    Path parts = tmp.resolve("parts");
    assertEquals(0, Cli.run("train", "--config", config.toString(), "--tracking-dir", whole.toString()).code());
    assertEquals(0, Cli.run("train", "--config", config.toString(), "--tracking-dir", parts.toString(),
        "--set", "training.epochs=3").code());
    String id = onlyRun(parts).getFileName().toString();
    assertEquals(0, Cli.run("train", "--resume", id, "--tracking-dir", parts.toString(), "--set", "training.epochs=6").code());
    assertEquals(values(onlyRun(whole).resolve("metrics/test/elbo")), values(onlyRun(parts).resolve("metrics/test/elbo")));
  }
}
