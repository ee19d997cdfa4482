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

/** A sweep on a real single-node Slurm: a job array with one failing trial, then a resubmission of just that one. */
class SlurmSweepIT {
  @TempDir Path tmp;

  @Test
  void aJobArrayRunsTheTrialsAndAResubmissionRunsOnlyTheFailedOne() throws Exception {
    Path base = tmp.resolve("ring.yaml");
    Files.writeString(base, TrainEndToEndTest.RING);
    Path file = tmp.resolve("sweep.yaml");
    Files.writeString(file, "name: on-slurm\nbase: " + base + "\nparameters:\n"
        + "  optimizer.lr: {values: [0.004, 0.005, 0.006, 1.0e+30]}\n");
    Path store = tmp.resolve("mlruns");
    try (SlurmCluster slurm = SlurmCluster.start(tmp.resolve("slurm"))) {
      String[] args = {"sweep", "submit", file.toString(), "--backend", "slurm", "--array-parallelism", "2",
          "--tracking-dir", store.toString(), "--log-dir", tmp.resolve("logs").toString()};
      Cli first = Cli.run(slurm.env(), args);
      assertEquals(0, first.code(), first.out() + first.err());
      assertTrue(first.out().contains("(--array=0,1,2,3%2)"), first.out());
      slurm.waitUntilIdle();

      Map<String, List<LocalRun>> byTrial = byTrial(store);
      assertEquals(4, byTrial.size(), "every trial ran: " + byTrial.keySet() + " logs in " + tmp.resolve("logs"));
      assertEquals(RunStatus.FAILED, only(byTrial, "3").status(), "lr 1e30 diverges");
      for (String i : List.of("0", "1", "2")) assertEquals(RunStatus.FINISHED, only(byTrial, i).status());
      LocalRun parent = parent(store);
      assertEquals(RunStatus.FAILED, parent.status(), "the finishing job ended the parent: not every trial finished");
      assertTrue(parent.tags().containsKey("sweep.best_run"));

      Cli again = Cli.run(slurm.env(), args);
      assertEquals(0, again.code(), again.err());
      assertTrue(again.out().contains("(--array=3%2)"), "only the failed trial is resubmitted: " + again.out());
      slurm.waitUntilIdle();
      byTrial = byTrial(store);
      assertEquals(2, byTrial.get("3").size(), "trial 3 ran again");
      for (String i : List.of("0", "1", "2")) assertEquals(1, byTrial.get(i).size(), "trial " + i + " did not");
    }
  }

  private static Map<String, List<LocalRun>> byTrial(Path store) {
    return new LocalStore(store).runs().stream().filter(r -> r.tags().containsKey("trial.index"))
        .collect(Collectors.groupingBy(r -> r.tags().get("trial.index")));
  }

  private static LocalRun only(Map<String, List<LocalRun>> byTrial, String index) {
    assertEquals(1, byTrial.get(index).size(), "runs of trial " + index);
    return byTrial.get(index).get(0);
  }

  private static LocalRun parent(Path store) {
    return new LocalStore(store).runs().stream().filter(r -> "parent".equals(r.tags().get("vaelab.sweep.role")))
        .findFirst().orElseThrow();
  }
}
