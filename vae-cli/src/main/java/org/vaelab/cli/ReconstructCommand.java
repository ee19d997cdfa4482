package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.eval.DecodeExamples;
import org.vaelab.experiments.eval.UseModel;

/** {@code vae reconstruct}: examples of a split beside their reconstructions by a trained model. */
@Parameters(commandDescription = "Reconstruct examples with a trained model: a .png (originals above reconstructions) or a .csv")
final class ReconstructCommand extends UseModelCommand {
  @Parameter(names = "--split", description = "train or test")
  String split = "test";

  @Parameter(names = "--count", description = "how many examples, from the first")
  int count = 32;

  @Override
  UseModel.Output produce(ConfigLoader loader, PluginChoice tracker, UseModel.ModelRef ref, boolean png) {
    return DecodeExamples.reconstruct(loader, tracker, ref, split, count, png);
  }
}
