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

/** {@code vae reconstruct}: examples of a split beside their reconstructions by a trained run. */
@Parameters(commandDescription = "Reconstruct examples with a trained run: a .png grid (images) or a .csv")
final class ReconstructCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @ParametersDelegate
  ModelOption source = new ModelOption();

  @Parameter(names = "--split", description = "train or test")
  String split = "test";

  @Parameter(names = "--count", description = "how many examples, from the first")
  int count = 32;

  @Parameter(names = "--out", required = true, description = "file to write: .png (originals above reconstructions) or .csv")
  Path outFile;

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  int run(PluginRegistry registry, PrintStream out, Map<String, String> env) {
    boolean png = UseOutput.kind(outFile, true);
    ConfigLoader loader = tracking.loader(registry, env);
    UseModel.Output o = DecodeExamples.reconstruct(loader, TrackingOptions.tracker(loader), source.ref(), split, count,
        png);
    UseOutput.write(outFile, o, out);
    return 0;
  }
}
