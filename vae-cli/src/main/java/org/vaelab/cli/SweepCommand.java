package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.api.track.RunRecord;
import org.vaelab.api.track.Tags;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.sweep.Planner;
import org.vaelab.experiments.sweep.SweepRuns;
import org.vaelab.experiments.sweep.SweepSpec;
import org.vaelab.experiments.sweep.Trial;
import org.vaelab.experiments.train.Experiment;
import org.vaelab.experiments.train.RunSummary;

/** {@code vae sweep plan|run|trial FILE}: hyperparameter sweeps from a YAML sweep file. */
@Parameters(commandDescription = "Sweeps: 'sweep plan FILE' lists the trials, 'sweep run FILE' runs them, "
    + "'sweep trial FILE --index I' runs one (the worker entry point)")
final class SweepCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @Parameter(description = "plan|run|resume|trial|submit|finish FILE")
  List<String> args = new ArrayList<>();

  @Parameter(names = "--index", description = "trial: the trial index")
  Integer index;

  @Parameter(names = "--index-env", description = "trial: read the index from this variable (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX)")
  String indexEnv;

  @Parameter(names = "--parallel", description = "run: trials at once (each a child process)")
  int parallel = 1;

  @Parameter(names = "--force", description = "run: continue a sweep whose file changed")
  boolean force;

  @Parameter(names = "--parent", description = "trial, finish: the sweep's parent run id (found or created when absent)")
  String parent;

  @Parameter(names = "--backend", description = "submit: slurm or kubernetes")
  String backend = "slurm";

  @Parameter(names = "--array-parallelism", description = "submit: trials running at once on the cluster")
  int arrayParallelism = 4;

  @Parameter(names = "--sbatch-args", description = "submit: extra sbatch options, e.g. \"--partition=gpu --time=2:00:00\"")
  String sbatchArgs;

  @Parameter(names = "--log-dir", description = "submit: where Slurm writes the trials' output (default: vae-sweep-logs)")
  Path logDir = Path.of("vae-sweep-logs");

  @Parameter(names = "--image", description = "submit --backend kubernetes: the container image with vae on its PATH")
  String image = "vaelab:latest";

  @Parameter(names = "--dry-run", description = "submit: print the Slurm script or Kubernetes manifest instead of submitting")
  boolean dryRun;

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  int run(PluginRegistry registry, Path pluginsDir, Experiment.Console console, Map<String, String> env) {
    PrintStream out = console.out();
    if (args.size() != 2 || !List.of("plan", "run", "resume", "trial", "submit", "finish").contains(args.get(0))) {
      throw new CliException("sweep: expected 'sweep plan|run|resume|submit|finish FILE' or 'sweep trial FILE --index I', was '"
          + String.join(" ", args) + "'");
    }
    Path file = Path.of(args.get(1));
    SweepSpec spec = SweepSpec.parse(read(file), file.toString());
    ConfigLoader loader = tracking.loader(registry, env);
    List<Trial> trials;
    try {
      trials = Planner.plan(spec, loader, file.toString());
    } catch (ConfigException e) {
      if (args.get(0).equals("trial")) throw new InvalidTrial(e.getMessage());
      throw e;
    }
    return switch (args.get(0)) {
      case "plan" -> plan(spec, trials, out);
      case "trial" -> trial(spec, trials, new SweepRuns(spec, trials, loader), console, env);
      case "submit" -> submit(new SweepSubmit(spec, trials, new SweepRuns(spec, trials, loader), file, pluginsDir, tracking,
          env, out));
      case "finish" -> finish(spec, new SweepRuns(spec, trials, loader), out);
      default -> new LocalSweep(spec, trials, new SweepRuns(spec, trials, loader), file, pluginsDir, tracking, out)
          .run(parallel, force);
    };
  }

  private int submit(SweepSubmit submit) {
    return switch (backend) {
      case "slurm" -> submit.slurm(arrayParallelism, sbatchArgs == null ? List.of() : List.of(sbatchArgs.trim().split("\\s+")),
          logDir, dryRun, force);
      case "kubernetes" -> {
        if (!dryRun) throw new CliException("--backend kubernetes: only --dry-run (print the manifest) is supported; apply it with kubectl");
        yield submit.kubernetes(arrayParallelism, image);
      }
      default -> throw new CliException("--backend: unknown value '" + backend + "'; allowed: slurm, kubernetes");
    };
  }

  /** Records the best trial on the parent run and ends it (what a cluster submission runs last). */
  private int finish(SweepSpec spec, SweepRuns runs, PrintStream out) {
    String parentId = parent != null ? parent : runs.parent().orElseThrow(() -> new CliException(
        "sweep finish: sweep " + spec.name() + " has no parent run; nothing was run")).runId();
    runs.finishParent(parentId).ifPresentOrElse(
        b -> out.printf(Locale.ROOT, "best: trial %s, run %s, %s %.4f%n", b.tags().get(Tags.TRIAL_INDEX), b.runId(),
            spec.metric(), b.lastMetrics().get(spec.metric())),
        () -> out.println("no trial has finished with " + spec.metric()));
    return 0;
  }

  /** A trial's configuration is invalid: exit code 3, do not retry. */
  static final class InvalidTrial extends RuntimeException {
    InvalidTrial(String message) {
      super(message);
    }
  }

  private int trial(SweepSpec spec, List<Trial> trials, SweepRuns runs, Experiment.Console console,
      Map<String, String> env) {
    int i = index(env, trials.size());
    Trial t = trials.get(i);
    Optional<RunRecord> done = runs.finished(t);
    if (done.isPresent()) {
      console.out().println("trial " + i + " already finished as run " + done.get().runId());
      return 0;
    }
    if (runs.state(t, System.currentTimeMillis()) == SweepRuns.TrialState.RUNNING) {
      throw new CliException("trial " + i + " is running elsewhere (its heartbeat is fresh); try again later");
    }
    String parentId = parent != null ? parent : runs.startParent(false);
    try {
      RunSummary s = runs.runTrial(t, parentId, console);
      console.out().printf(Locale.ROOT, "trial %d done: run %s, %s %.4f%n", i, s.runId(), "test/elbo", s.testElbo());
    } catch (ConfigException e) {
      throw new InvalidTrial(e.getMessage());
    }
    return 0;
  }

  private int index(Map<String, String> env, int count) {
    if ((index == null) == (indexEnv == null)) throw new InvalidTrial("sweep trial: give --index I or --index-env VARIABLE");
    Integer i = index;
    if (indexEnv != null) {
      String v = env.get(indexEnv);
      try {
        i = Integer.valueOf(v == null ? "" : v.trim());
      } catch (NumberFormatException e) {
        throw new InvalidTrial("--index-env " + indexEnv + ": '" + v + "' is not a trial index");
      }
    }
    if (i < 0 || i >= count) throw new InvalidTrial("--index: " + i + " is outside the plan's 0.." + (count - 1));
    return i;
  }

  private static int plan(SweepSpec spec, List<Trial> trials, PrintStream out) {
    out.printf("sweep %s (%s, %d trials, best by %s %s, file hash %s)%n", spec.name(), spec.method(), trials.size(),
        spec.maximize() ? "max" : "min", spec.metric(), spec.hash());
    for (Trial t : trials) {
      out.printf("%4d  trial %s  config %s  seed %d  %s%n", t.index(), t.trialId(), t.configId(), t.config().seed(),
          Planner.describe(t.overrides()));
    }
    return 0;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CliException(file + ": no such sweep file");
    } catch (IOException e) {
      throw new CliException(file + ": cannot read: " + e.getMessage());
    }
  }
}
