package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import org.vaelab.experiments.eval.UseModel;

/** {@code --run ID} or {@code --model ID}: the finished run or the MLflow logged model a command uses. */
final class ModelOption {
  @Parameter(names = "--run", description = "a finished run's id (its evaluated weights: the best under early stopping)")
  String run;

  @Parameter(names = "--model", description = "a logged model's id (m-...), e.g. a run's <name>-final or <name>-best")
  String model;

  UseModel.ModelRef ref() {
    return new UseModel.ModelRef(run, model);
  }
}
