package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.eval.UseModel;

/** {@code vae encode}: a trained model's posterior means and log-variances of a dataset split, to CSV. */
@Parameters(commandDescription = "Encode a dataset split with a trained model: posterior means and log-variances to .csv")
final class EncodeCommand extends UseModelCommand {
  @Parameter(names = "--split", description = "train or test")
  String split = "test";

  @Parameter(names = "--limit", description = "only the first N examples (0: all)")
  int limit;

  @Override
  boolean pngAllowed() {
    return false;
  }

  @Override
  UseModel.Output produce(ConfigLoader loader, PluginChoice tracker, UseModel.ModelRef ref, boolean png) {
    return UseModel.encode(loader, tracker, ref, split, limit);
  }
}
