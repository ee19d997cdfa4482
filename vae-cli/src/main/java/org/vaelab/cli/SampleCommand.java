package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.eval.UseModel;

/** {@code vae sample}: prior samples of a trained model, as an image grid or CSV. */
@Parameters(commandDescription = "Draw prior samples from a trained model: a .png grid (images) or a .csv")
final class SampleCommand extends UseModelCommand {
  @Parameter(names = "--count", description = "how many samples")
  int count = 64;

  @Parameter(names = "--seed", description = "seed of the prior draws")
  long seed = 1;

  @Parameter(names = "--temperature", description = "divides the logits of a prior over codes (codes-ar); 1 is the prior itself")
  double temperature = 1;

  @Override
  UseModel.Output produce(ConfigLoader loader, PluginChoice tracker, UseModel.ModelRef ref, boolean png) {
    return UseModel.sample(loader, tracker, ref, count, seed, png, temperature);
  }
}
