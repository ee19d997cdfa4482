package org.vaelab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.vaelab.api.track.Tags;
import org.vaelab.experiments.sweep.SweepRuns;
import org.vaelab.experiments.sweep.SweepSpec;
import org.vaelab.experiments.sweep.Trial;

/**
 * {@code vae sweep run}: the local executor. Each unfinished trial runs as a child process calling
 * {@code vae sweep trial FILE --index I}, so a native crash or an out-of-memory in one trial does not
 * take the sweep down; at most {@code parallel} at once. Running it again resumes the sweep.
 */
final class LocalSweep {
  private final SweepSpec spec;
  private final List<Trial> trials;
  private final SweepRuns runs;
  private final Path file;
  private final Path pluginsDir;
  private final TrackingOptions tracking;
  private final PrintStream out;

  LocalSweep(SweepSpec spec, List<Trial> trials, SweepRuns runs, Path file, Path pluginsDir, TrackingOptions tracking,
      PrintStream out) {
    this.spec = spec;
    this.trials = trials;
    this.runs = runs;
    this.file = file;
    this.pluginsDir = pluginsDir;
    this.tracking = tracking;
    this.out = out;
  }

  int run(int parallel, boolean force) {
    if (parallel < 1) throw new CliException("--parallel must be >= 1, was " + parallel);
    String parentId = runs.startParent(force);
    Map<Trial, SweepRuns.TrialState> states = runs.states(System.currentTimeMillis());
    List<Trial> todo = trials.stream().filter(t -> states.get(t) == SweepRuns.TrialState.TO_RUN).toList();
    for (Trial t : trials) {
      if (states.get(t) == SweepRuns.TrialState.RUNNING) out.println("trial " + t.index() + " is running elsewhere; left alone");
      if (states.get(t) == SweepRuns.TrialState.EXHAUSTED) {
        out.println("trial " + t.index() + " failed " + (1 + spec.maxRetries()) + " times (max_retries " + spec.maxRetries()
            + "); not retried");
      }
    }
    Path logs;
    try {
      logs = Files.createTempDirectory("vae-sweep-" + spec.name().replaceAll("[^A-Za-z0-9_-]", "_") + "-");
    } catch (IOException e) {
      throw new CliException("sweep: cannot create a log directory: " + e.getMessage());
    }
    out.printf("sweep %s: parent run %s, %d of %d trials to run, %d at a time; trial logs in %s%n", spec.name(),
        parentId, todo.size(), trials.size(), parallel, logs);
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    List<Future<Integer>> results = new ArrayList<>();
    for (Trial t : todo) results.add(pool.submit(() -> runChild(t, parentId, logs)));
    pool.shutdown();
    int failed = 0;
    for (int i = 0; i < todo.size(); i++) {
      try {
        if (results.get(i).get() != 0) failed++;
      } catch (Exception e) {  // the trial process could not be started or waited for
        out.println("trial " + todo.get(i).index() + " could not run: " + (e.getCause() != null ? e.getCause() : e));
        failed++;
      }
    }
    var best = runs.finishParent(parentId);
    best.ifPresent(b -> out.printf(Locale.ROOT, "best: trial %s, run %s, %s %.4f%n", b.tags().get(Tags.TRIAL_INDEX),
        b.runId(), spec.metric(), b.lastMetrics().get(spec.metric())));
    out.printf("sweep %s: %d trials failed%s%n", spec.name(), failed, failed > 0 ? "; run it again to retry them" : "");
    return failed == 0 ? 0 : 1;
  }

  private int runChild(Trial t, String parentId, Path logs) throws IOException, InterruptedException {
    Path log = logs.resolve("trial-" + t.index() + ".log");
    Process p = new ProcessBuilder(command(t, parentId)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      throw e;
    }
    String status = code == 0 ? "done" : code == Main.INVALID_TRIAL ? "invalid (not retried)" : "failed (exit " + code + ")";
    synchronized (out) {
      out.printf("trial %d %s  %s%n", t.index(), status, code == 0 ? "" : "see " + log);
    }
    return code;
  }

  /** This JVM running {@code vae sweep trial} for one trial. */
  private List<String> command(Trial t, String parentId) {
    return SelfCommand.of(pluginsDir, tracking, List.of("sweep", "trial", file.toString(), "--index",
        String.valueOf(t.index()), "--parent", parentId));
  }
}
