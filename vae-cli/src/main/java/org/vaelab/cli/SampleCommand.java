package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.eval.UseModel;

/** {@code vae sample}: prior samples of a trained run, as an image grid or CSV. */
@Parameters(commandDescription = "Draw prior samples from a trained run: a .png grid (images) or a .csv")
final class SampleCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @ParametersDelegate
  ModelOption source = new ModelOption();

  @Parameter(names = "--count", description = "how many samples")
  int count = 64;

  @Parameter(names = "--seed", description = "seed of the prior draws")
  long seed = 1;

  @Parameter(names = "--out", required = true, description = "file to write: .png (an image grid) or .csv")
  Path outFile;

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  int run(PluginRegistry registry, PrintStream out, Map<String, String> env) {
    boolean png = UseOutput.kind(outFile, true);
    ConfigLoader loader = tracking.loader(registry, env);
    UseModel.Output o = UseModel.sample(loader, TrackingOptions.tracker(loader), source.ref(), count, seed, png);
    UseOutput.write(outFile, o, out);
    return 0;
  }
}
