package org.vaelab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.vaelab.experiments.sweep.SweepRuns;
import org.vaelab.experiments.sweep.SweepSpec;
import org.vaelab.experiments.sweep.Trial;

/**
 * {@code vae sweep submit}: hands the sweep to a cluster scheduler. Slurm: one job array over the
 * unfinished trials ({@code sbatch --array=…%M}), each task the worker entry point, plus a job after
 * it that records the best trial on the parent run. Kubernetes: an Indexed Job manifest (dry run).
 */
final class SweepSubmit {
  /** The launcher's BLAS settings (blas-env.sh), made again on each node (its CPU may differ). */
  private static final String BLAS_ENV = resource("blas-env.sh");

  private final SweepSpec spec;
  private final List<Trial> trials;
  private final SweepRuns runs;
  private final Path file;
  private final Path pluginsDir;
  private final TrackingOptions tracking;
  private final Map<String, String> env;
  private final PrintStream out;

  SweepSubmit(SweepSpec spec, List<Trial> trials, SweepRuns runs, Path file, Path pluginsDir, TrackingOptions tracking,
      Map<String, String> env, PrintStream out) {
    this.spec = spec;
    this.trials = trials;
    this.runs = runs;
    this.file = file.toAbsolutePath();
    this.pluginsDir = pluginsDir;
    this.tracking = tracking;
    this.env = env;
    this.out = out;
  }

  int slurm(int parallelism, List<String> sbatchArgs, Path logDir, boolean dryRun, boolean force) {
    if (parallelism < 1) throw new CliException("--array-parallelism must be >= 1, was " + parallelism);
    String parent = dryRun ? "PARENT_RUN_ID" : runs.startParent(force);
    List<Integer> todo = dryRun ? trials.stream().map(Trial::index).toList()
        : runs.states(System.currentTimeMillis()).entrySet().stream()
            .filter(e -> e.getValue() == SweepRuns.TrialState.TO_RUN).map(e -> e.getKey().index()).toList();
    if (todo.isEmpty()) {
      out.println("sweep " + spec.name() + ": no trial to run (finished, running elsewhere, or out of retries)");
      if (!dryRun) runs.finishParent(parent);
      return 0;
    }
    String array = todo.stream().map(String::valueOf).collect(Collectors.joining(",")) + "%" + parallelism;
    Path logs = logDir.toAbsolutePath();
    String script = "#!/bin/bash\n"
        + "#SBATCH --job-name=vae-" + spec.name() + "\n"
        + "#SBATCH --array=" + array + "\n"
        + "#SBATCH --output=" + logs + "/trial-%a.out\n"
        + "#SBATCH --chdir=" + Path.of("").toAbsolutePath() + "\n"
        + "export OMP_NUM_THREADS=1\n"
        + BLAS_ENV
        + "exec " + vae(List.of("sweep", "trial", file.toString(), "--index-env", "SLURM_ARRAY_TASK_ID", "--parent", parent))
        + "\n";
    if (dryRun) {
      out.print(script);
      return 0;
    }
    try {
      Files.createDirectories(logs);
      Path arrayScript = logs.resolve("array-" + System.currentTimeMillis() + ".sh");
      Files.writeString(arrayScript, script);
      String job = sbatch(sbatchArgs, List.of(arrayScript.toString()));
      String finish = sbatch(sbatchArgs, List.of("--dependency=afterany:" + job, "--job-name=vae-" + spec.name() + "-finish",
          "--output=" + logs + "/finish-%j.out", "--wrap", vae(List.of("sweep", "finish", file.toString(), "--parent", parent))));
      out.printf("sweep %s: parent run %s; submitted job array %s (--array=%s), then job %s to record the best trial;"
          + " logs in %s%n", spec.name(), parent, job, array, finish, logs);
      return 0;
    } catch (IOException e) {
      throw new CliException("sweep submit: " + e.getMessage());
    }
  }

  /** Runs sbatch and returns the job id. */
  private String sbatch(List<String> extra, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
    cmd.addAll(extra);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new CliException("sweep submit: cannot run sbatch (is Slurm installed and on PATH?): " + e.getMessage());
    }
    String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new CliException("sweep submit: sbatch failed: " + answer.lines().findFirst().orElse(""));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("sweep submit: interrupted");
    }
    return answer.split(";")[0].trim();
  }

  int kubernetes(int parallelism, String image) {
    String yaml = """
        # vae sweep %1$s: a Kubernetes Indexed Job, one completion index per trial (%2$d trials).
        # The sweep file and its base config are mounted from a ConfigMap; every pod logs to one MLflow
        # server (set MLFLOW_TRACKING_URI). Exit code 3 (invalid trial) fails that index without retry.
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: vae-sweep-%1$s
        data:
          sweep.yaml: |
        %3$s
          base.yaml: |
        %4$s
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: vae-sweep-%1$s
        spec:
          completionMode: Indexed
          completions: %2$d
          parallelism: %5$d
          backoffLimitPerIndex: %6$d
          maxFailedIndexes: %2$d
          podFailurePolicy:
            rules:
              - action: FailIndex
                onExitCodes:
                  containerName: trial
                  operator: In
                  values: [3]
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: trial
                  image: %7$s
                  workingDir: /sweep
                  command: ["vae", "sweep", "trial", "/sweep/sweep.yaml", "--index-env", "JOB_COMPLETION_INDEX"]
                  env:
                    - name: MLFLOW_TRACKING_URI
                      value: "%8$s"
                  volumeMounts:
                    - name: sweep
                      mountPath: /sweep
              volumes:
                - name: sweep
                  configMap:
                    name: vae-sweep-%1$s
        """.formatted(spec.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-"), trials.size(),
        indent(spec.text().replaceAll("(?m)^base:.*$", "base: /sweep/base.yaml"), 4), indent(read(spec.base()), 4),
        parallelism, spec.maxRetries(), image, tracking.uri != null ? tracking.uri : env.getOrDefault(TrackingOptions.ENV,
            "http://mlflow:5000"));
    out.print(yaml);
    return 0;
  }

  private static String resource(String name) {
    try (var in = SweepSubmit.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("vaelab is built without its resource " + name);
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String indent(String text, int spaces) {
    String pad = " ".repeat(spaces);
    return text.lines().map(l -> pad + l).collect(Collectors.joining("\n"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new CliException("base: cannot read " + p + ": " + e.getMessage());
    }
  }

  /** This JVM running the vae command line with {@code args}, as one shell-quoted command. */
  private String vae(List<String> args) {
    return SelfCommand.of(pluginsDir, tracking, args).stream().map(s -> "'" + s.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
