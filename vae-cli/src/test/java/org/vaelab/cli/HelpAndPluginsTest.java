package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HelpAndPluginsTest {
  @Test
  void pluginsListsEveryKindWithIdsFieldsAndDefaults() {
    Cli r = Cli.run("plugins");
    assertEquals(0, r.code());
    for (String s : new String[] {"encoder:", "  mlp - ", "      latentDim: 20", "prior:", "  standard-normal",
        "likelihood:", "  bernoulli", "  gaussian", "      sigma: 1.0", "schedule:", "  linear-warmup", "dataset:",
        "  fashion-mnist", "  ring", "tracker:", "  mlflow-file", "  codes-ar - ", "kernel backends", "  cpu-vector - runs here",
        "  nd4j - runs here"}) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
  }

  @Test
  void helpIsAvailableForTheToolAndEachCommand() {
    Cli top = Cli.run("--help");
    assertEquals(0, top.code());
    assertTrue(top.out().contains("train") && top.out().contains("plugins"), top.out());
    Cli train = Cli.run("train", "--help");
    assertEquals(0, train.code());
    assertTrue(train.out().contains("--set") && train.out().contains("--resume"), train.out());
    assertEquals(2, Cli.run().code(), "no command is a usage error");
  }
}
