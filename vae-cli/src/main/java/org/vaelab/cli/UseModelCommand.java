package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.eval.UseModel;

/**
 * A command that puts a trained model to use ({@code sample}, {@code encode}, {@code reconstruct},
 * {@code interpolate}): the model from {@code --run} or {@code --model}, one output file whose
 * extension picks the format, checked before any work and written only at the end.
 */
abstract class UseModelCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @ParametersDelegate
  ModelOption source = new ModelOption();

  @Parameter(names = "--out", required = true, description = "the file to write: .png (an image grid) or .csv")
  Path outFile;

  @ParametersDelegate
  TrackingOptions tracking = new TrackingOptions();

  /** Whether this command can write a .png. */
  boolean pngAllowed() {
    return true;
  }

  abstract UseModel.Output produce(ConfigLoader loader, PluginChoice tracker, UseModel.ModelRef ref, boolean png);

  final int run(PluginRegistry registry, PrintStream out, Map<String, String> env) {
    boolean png = UseOutput.kind(outFile, pngAllowed());
    ConfigLoader loader = tracking.loader(registry, env);
    UseOutput.write(outFile, produce(loader, TrackingOptions.tracker(loader), source.ref(), png), out);
    return 0;
  }
}
