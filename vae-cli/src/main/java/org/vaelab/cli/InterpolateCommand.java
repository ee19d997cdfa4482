package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.eval.DecodeExamples;
import org.vaelab.experiments.eval.UseModel;

/** {@code vae interpolate}: decoded points on the line between two examples' latent codes. */
@Parameters(commandDescription = "Interpolate between two examples in a trained run's latent space: a .png row or a .csv")
final class InterpolateCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @ParametersDelegate
  ModelOption source = new ModelOption();

  @Parameter(names = "--split", description = "train or test")
  String split = "test";

  @Parameter(names = "--from", description = "index of the first example in the split")
  long from = 0;

  @Parameter(names = "--to", description = "index of the second example in the split")
  long to = 1;

  @Parameter(names = "--steps", description = "points from the first to the second, both included")
  int steps = 10;

  @Parameter(names = "--out", required = true, description = "file to write: .png or .csv (t, z, E[x|z] a row)")
  Path outFile;

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  int run(PluginRegistry registry, PrintStream out, Map<String, String> env) {
    boolean png = UseOutput.kind(outFile, true);
    ConfigLoader loader = tracking.loader(registry, env);
    UseModel.Output o = DecodeExamples.interpolate(loader, TrackingOptions.tracker(loader), source.ref(), split, from, to,
        steps, png);
    UseOutput.write(outFile, o, out);
    return 0;
  }
}
