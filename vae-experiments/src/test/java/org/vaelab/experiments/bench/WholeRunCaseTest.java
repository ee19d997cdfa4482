package org.vaelab.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.Backend;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;

class WholeRunCaseTest {
  private static final Bench.Options OPTIONS = new Bench.Options(Backend.AUTO, 300, 469, 256, 5000, false, 3,
      Path.of("no-such-dir"), 400, 20, 128);
  private static final ConfigLoader LOADER = new ConfigLoader(PluginRegistry.load());

  @Test
  void theCnnRunTrainsCase3sModelAndTheScriptIsToldSo() {
    WholeRunCase.Commands c = WholeRunCase.commands(OPTIONS, 11, Path.of("store"));
    ExperimentConfig run = resolve(c.vae());
    ExperimentConfig case3 = Bench.config(LOADER, Bench.CNN, 128);
    assertEquals(case3.encoder(), run.encoder());
    assertEquals(case3.decoder(), run.decoder());
    assertEquals(List.of("--model", "cnn"), c.torch().subList(c.torch().size() - 2, c.torch().size()));
  }

  @Test
  void theQuickstartRunKeepsItsMlp() {
    WholeRunCase.Commands c = WholeRunCase.commands(OPTIONS, 7, Path.of("store"));
    assertEquals("mlp", resolve(c.vae()).encoder().provider().id());
    assertFalse(c.torch().contains("--model"));
  }

  /** The config {@code ./vae train} would run: the file (from the repository root) and each --set. */
  private static ExperimentConfig resolve(List<String> vae) {
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < vae.size(); i++) {
      if (vae.get(i).equals("--set")) sets.add(vae.get(++i));
    }
    return LOADER.load(Path.of("..").resolve(vae.get(vae.indexOf("--config") + 1)), sets);
  }
}
