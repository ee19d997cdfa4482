package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.eval.SampleQuality;
import org.vaelab.experiments.model.Plugins;

/** The sample-quality measures on Fashion-MNIST: real training images score near the best against the test set, noise near the worst. */
class SampleQualityIT {
  @Test
  void realImagesScoreNearTheBestAndNoiseNearTheWorst() {
    Required.fashionMnist();
    ExperimentConfig c = new ConfigLoader(PluginRegistry.load()).resolve(
        Map.of("dataset", Map.of("type", "fashion-mnist", "dir", "/usr/share/datasets/fashion-mnist", "binarization", "none")),
        List.of(), "test");
    Dataset data = Plugins.dataset(c.dataset());
    Map<String, Double> r = SampleQuality.reference(data, Plugins.kernels(c), 10_000, System.out);
    System.out.println("sample-quality reference on Fashion-MNIST (10,000 images each): " + r);
    assertTrue(r.get("accuracy") > 0.85, "classifier accuracy " + r.get("accuracy"));
    assertTrue(r.get("fd_real") < 0.01 * r.get("fd_noise"), "FD real " + r.get("fd_real") + ", noise " + r.get("fd_noise"));
    assertTrue(r.get("score_real") > 7 && r.get("score_noise") < 2,
        "score real " + r.get("score_real") + " (best 10), noise " + r.get("score_noise") + " (worst 1)");
  }
}
