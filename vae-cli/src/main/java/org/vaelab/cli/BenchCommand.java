package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.bench.Bench;
import org.vaelab.experiments.config.Backend;
import org.vaelab.experiments.config.ConfigLoader;

/** {@code vae bench}: the standard performance cases as a printed table. */
@Parameters(commandDescription = "Benchmark training and evaluation speed (samples/s, GFLOP/s, peak RSS)")
final class BenchCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @Parameter(names = "--backend", description = "kernel backend: auto, cpu-vector or nd4j")
  String backend = "auto";

  @Parameter(names = "--case", description = "run only these cases (1-11; repeatable; 5 to 11 run only when asked)")
  List<Integer> cases = new ArrayList<>();

  @Parameter(names = "--steps", description = "timed steps per training case")
  int steps = 300;

  @Parameter(names = "--epoch-steps", description = "cap on the first epoch's steps (469 = a whole epoch)")
  int epochSteps = 469;

  @Parameter(names = "--eval-images", description = "test images in the timed evaluation slice")
  int evalImages = 256;

  @Parameter(names = "--k", description = "importance samples per image in the evaluation case")
  int k = 5000;

  @Parameter(names = "--data", description = "Fashion-MNIST directory (uniform noise of the same shape when absent)")
  String data = "/usr/share/datasets/fashion-mnist";

  @Parameter(names = "--protocol-epochs", description = "epochs of the protocol case (5)")
  int protocolEpochs = 3;

  @Parameter(names = "--hidden", description = "case 10: hidden units of the one-layer MLP encoder and decoder")
  int hidden = 400;

  @Parameter(names = "--latent", description = "case 10: latent dimensions")
  int latent = 20;

  @Parameter(names = "--batch", description = "case 10: batch size")
  int batch = 128;

  @Parameter(names = "--profile", description = "also print the share of time spent in each kernel")
  boolean profile;

  int run(PluginRegistry registry, PrintStream out) {
    Backend b = RecordMaps.fromMap(BackendHolder.class, java.util.Map.of("backend", backend),
        new BackendHolder(Backend.AUTO), "").backend();
    List<Integer> chosen = cases.isEmpty() ? List.of(1, 2, 3, 4) : cases;
    for (int c : chosen) {
      if (c < 1 || c > Bench.CASES.size()) throw new CliException("--case: " + c + " is not a case; allowed: 1-" + Bench.CASES.size());
    }
    ConfigLoader loader = new ConfigLoader(registry);
    Bench.run(loader, Bench.data(loader, Path.of(data)), new Bench.Options(b, steps, epochSteps, evalImages, k, profile,
        protocolEpochs, Path.of(data), hidden, latent, batch), chosen,
        out);
    return 0;
  }

  /** Holder so that --backend converts like the config field. */
  public record BackendHolder(Backend backend) {}
}
