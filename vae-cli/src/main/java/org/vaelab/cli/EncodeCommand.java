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

/** {@code vae encode}: a trained run's posterior means and log-variances of a dataset split, to CSV. */
@Parameters(commandDescription = "Encode a dataset split with a trained run: posterior means and log-variances to .csv")
final class EncodeCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @ParametersDelegate
  ModelOption source = new ModelOption();

  @Parameter(names = "--split", description = "train or test")
  String split = "test";

  @Parameter(names = "--limit", description = "only the first N examples (0: all)")
  int limit;

  @Parameter(names = "--out", required = true, description = "the .csv file to write")
  Path outFile;

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  int run(PluginRegistry registry, PrintStream out, Map<String, String> env) {
    if (UseOutput.kind(outFile, false)) throw new CliException("--out: encode writes a .csv, was " + outFile);
    ConfigLoader loader = tracking.loader(registry, env);
    UseModel.Output o = UseModel.encode(loader, TrackingOptions.tracker(loader), source.ref(), split, limit);
    UseOutput.write(outFile, o, out);
    return 0;
  }
}
