package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.eval.DecodeExamples;
import org.vaelab.experiments.eval.UseModel;

/** {@code vae interpolate}: decoded points on the line between two examples' latent codes. */
@Parameters(commandDescription = "Interpolate between two examples in a trained model's latent space: a .png row or a .csv")
final class InterpolateCommand extends UseModelCommand {
  @Parameter(names = "--split", description = "train or test")
  String split = "test";

  @Parameter(names = "--from", description = "index of the first example in the split")
  long from = 0;

  @Parameter(names = "--to", description = "index of the second example in the split")
  long to = 1;

  @Parameter(names = "--steps", description = "points from the first to the second, both included")
  int steps = 10;

  @Override
  UseModel.Output produce(ConfigLoader loader, PluginChoice tracker, UseModel.ModelRef ref, boolean png) {
    return DecodeExamples.interpolate(loader, tracker, ref, split, from, to, steps, png);
  }
}
