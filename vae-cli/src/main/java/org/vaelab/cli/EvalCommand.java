package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.util.Map;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.eval.Evaluate;

/** {@code vae eval}: the evaluation protocol (log p(x), inference gaps, probe, pictures) of a trained run. */
@Parameters(commandDescription = "Re-evaluate a run from its checkpoint: log p(x), inference gaps, active units, probe")
final class EvalCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @Parameter(names = "--run", required = true, description = "the run id")
  String run;

  @Parameter(names = "--k", description = "importance samples per test example")
  int k = 5000;

  @Parameter(names = "--limit", description = "use only the first N test examples (0: all)")
  int limit;

  @Parameter(names = "--gap-points", description = "test points of the amortisation/approximation gap estimate (0: none)")
  int gapPoints = 1000;

  @Parameter(names = "--seed", description = "seed of the importance samples")
  long seed = 1;

  @Parameter(names = "--no-log", description = "print the figures without logging them into the run")
  boolean noLog;

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  int run(PluginRegistry registry, PrintStream out, Map<String, String> env) {
    ConfigLoader loader = tracking.loader(registry, env);
    PluginChoice tracker = TrackingOptions.tracker(loader);
    Evaluate.run(loader, tracker, run, k, limit, gapPoints, seed, !noLog, out);
    return 0;
  }
}
