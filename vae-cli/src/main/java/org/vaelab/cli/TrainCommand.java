package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.track.TrackingUri;
import org.vaelab.experiments.train.Experiment;
import org.vaelab.experiments.train.RunSummary;

/** {@code vae train}: one training run from a YAML config, or the continuation of one. */
@Parameters(commandDescription = "Train a VAE from a YAML config (or resume a run)")
final class TrainCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @Parameter(names = "--config", description = "experiment YAML file, e.g. experiments/quickstart.yaml")
  Path config;

  @Parameter(names = "--set", splitter = WholeValue.class,
      description = "override a config value: dotted.path=value (repeatable; the value is YAML)")
  List<String> overrides = new ArrayList<>();

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  @Parameter(names = "--resume", description = "continue this run id from its last checkpoint")
  String resume;

  @Parameter(names = "--from-run", description = "train a new run with the saved config and seed of this run id")
  String fromRun;

  @Parameter(names = "--fit-prior", description = "fit a learned prior over codes (codes-ar; --set prior.*) to this VQ-VAE run id, in a new child run")
  String fitPrior;

  int run(PluginRegistry registry, Experiment.Console console, Map<String, String> env) {
    ConfigLoader loader = tracking.loader(registry, env);
    RunSummary s;
    if ((resume != null ? 1 : 0) + (fromRun != null ? 1 : 0) + (fitPrior != null ? 1 : 0) > 1) {
      throw new CliException("--resume, --from-run and --fit-prior: give one");
    }
    if (fitPrior != null) {
      if (config != null) throw new CliException("--config and --fit-prior: give one (the run's saved config is used)");
      s = Experiment.fitPrior(loader, TrackingOptions.tracker(loader), fitPrior, overrides, console);
    } else if (fromRun != null) {
      if (config != null) throw new CliException("--config and --from-run: give one (the run's saved config is used)");
      s = Experiment.reproduce(loader, TrackingOptions.tracker(loader), fromRun, overrides, console);
    } else if (resume != null) {
      if (config != null) throw new CliException("--config and --resume: give one (a resumed run uses its saved config)");
      PluginChoice tracker = TrackingOptions.tracker(loader);
      s = Experiment.resume(loader, tracker, resume, overrides, console);
    } else {
      if (config == null) throw new CliException("--config is required, e.g. --config experiments/quickstart.yaml");
      ExperimentConfig c = loader.load(config, overrides);
      try {
        s = Experiment.train(c, console);
      } catch (ConfigException e) {
        throw e.at(config.toString());
      }
    }
    if (Double.isNaN(s.testElbo())) {
      console.out().printf(Locale.ROOT, "done: run %s, %.1f s%n", s.runId(), s.seconds());
    } else {
      console.out().printf(Locale.ROOT, "done: run %s, %d epochs, test elbo %.2f nats, %,.0f samples/s, %.1f s%n",
          s.runId(), s.epochs(), s.testElbo(), s.samplesPerSec(), s.seconds());
    }
    if (s.location().startsWith("http")) {
      console.out().println("look at it at: " + s.location());
    } else {
      Path run = Path.of(s.location());
      console.out().println("look at it with: MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri "
          + storeRoot(s.location()) + "  then open http://127.0.0.1:5000/#/experiments/" + run.getParent().getFileName()
          + "/runs/" + run.getFileName() + "?" + TrackingUri.TRAINING_VIEW);
    }
    return 0;
  }

  private static String storeRoot(String runLocation) {
    Path run = Path.of(runLocation);
    return run.getParent() == null || run.getParent().getParent() == null ? runLocation : run.getParent().getParent().toString();
  }
}
