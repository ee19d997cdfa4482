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
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.sweep.Planner;
import org.vaelab.experiments.sweep.SweepSpec;
import org.vaelab.experiments.sweep.Trial;

/** {@code vae sweep plan|run|trial FILE}: hyperparameter sweeps from a YAML sweep file. */
@Parameters(commandDescription = "Sweeps: 'sweep plan FILE' lists the trials, 'sweep run FILE' runs them, "
    + "'sweep trial FILE --index I' runs one (the worker entry point)")
final class SweepCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @Parameter(description = "plan|run|trial FILE")
  List<String> args = new ArrayList<>();

  @Parameter(names = "--index", description = "trial: the trial index")
  Integer index;

  @Parameter(names = "--index-env", description = "trial: read the index from this variable (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX)")
  String indexEnv;

  @Parameter(names = "--parallel", description = "run: trials at once (each a child process)")
  int parallel = 1;

  @Parameter(names = "--force", description = "run: continue a sweep whose file changed")
  boolean force;

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  int run(PluginRegistry registry, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.size() != 2 || !List.of("plan", "run", "trial").contains(args.get(0))) {
      throw new CliException("sweep: expected 'sweep plan FILE', 'sweep run FILE' or 'sweep trial FILE --index I', was '"
          + String.join(" ", args) + "'");
    }
    Path file = Path.of(args.get(1));
    SweepSpec spec = SweepSpec.parse(read(file), file.toString());
    ConfigLoader loader = new ConfigLoader(registry);
    loader = tracking.section(env).map(loader::withTracker).orElse(loader);
    List<Trial> trials = Planner.plan(spec, loader, file.toString());
    return switch (args.get(0)) {
      case "plan" -> plan(spec, trials, out);
      default -> throw new CliException("sweep " + args.get(0) + ": not available yet");
    };
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
