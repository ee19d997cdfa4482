package org.vaelab.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.config.ConfigLoader;

class PlannerTest {
  @TempDir Path tmp;
  private Path base;
  private final ConfigLoader loader = new ConfigLoader(PluginRegistry.load());

  @BeforeEach
  void writeBase() throws IOException {
    base = tmp.resolve("base.yaml");
    Files.writeString(base, "seed: 7\ndataset: {type: ring}\nlikelihood: {type: gaussian}\n");
  }

  private List<Trial> plan(String sweep) {
    return Planner.plan(SweepSpec.parse("name: s\nbase: " + base + "\n" + sweep, "sweep.yaml"), loader, "sweep.yaml");
  }

  @Test
  void aRelativeBaseIsReadFromTheSweepFilesDirectory() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.copy(base, dir.resolve("mine.yaml"));
    String sweepFile = dir.resolve("sweep.yaml").toString();
    List<Trial> t = Planner.plan(SweepSpec.parse("name: s\nbase: mine.yaml\n", sweepFile), loader, sweepFile);
    assertEquals(7, t.get(0).config().seed(), "the base next to the sweep file, whatever the working directory");
    String missing = dir.resolve("none.yaml").toString();
    ConfigException e = assertThrows(ConfigException.class,
        () -> Planner.plan(SweepSpec.parse("name: s\nbase: nothere.yaml\n", missing), loader, missing));
    assertTrue(e.getMessage().contains(dir.resolve("nothere.yaml") + " does not exist (a relative base is read from the"
        + " sweep file's directory)"), e.getMessage());
  }

  @Test
  void aGridTooLargeToPlanIsRefusedAtOnce() {
    StringBuilder values = new StringBuilder("[");
    for (int i = 0; i < 100; i++) values.append(i == 0 ? "" : ", ").append(i + 1);
    String v = values.append("]").toString();
    ConfigException e = assertThrows(ConfigException.class, () -> plan("parameters:\n  encoder.latentDim: {values: " + v
        + "}\n  decoder.hiddenDims: {values: " + v + "}\n  training.epochs: {values: " + v + "}\n"));
    assertTrue(e.getMessage().contains("the grid sweep has 1000000 trials (configurations x seeds); at most 10000"),
        e.getMessage());
  }

  @Test
  void gridPutsTheFirstKeyOutermostAndRunsEachConfigurationPerSeed() {
    List<Trial> t = plan("""
        seeds: [0, 1]
        parameters:
          encoder.latentDim: {values: [2, 4]}
          optimizer.lr: {values: [0.001, 0.01]}
        """);
    assertEquals(8, t.size());
    assertEquals(2, t.get(0).config().encoder().toMap().get("latentDim"));
    assertEquals(2, t.get(3).config().encoder().toMap().get("latentDim"));
    assertEquals(4, t.get(4).config().encoder().toMap().get("latentDim"));
    assertEquals(0.01, t.get(2).config().optimizer().lr());
    assertEquals(List.of(0L, 1L), List.of(t.get(0).config().seed(), t.get(1).config().seed()));
    assertEquals(t.get(0).configId(), t.get(1).configId(), "seeds of one configuration share the config id");
    assertNotEquals(t.get(0).trialId(), t.get(1).trialId());
  }

  @Test
  void thePlanIsDeterministicAndARandomSweepOnlyGrowsWithItsRunCap() {
    String sweep = """
        method: random
        seed: 3
        run_cap: %d
        parameters:
          optimizer.lr: {distribution: log_uniform_values, min: 1.0e-4, max: 1.0e-2}
          encoder.latentDim: {distribution: int_uniform, min: 1, max: 8}
        """;
    List<Trial> small = plan(sweep.formatted(3));
    assertEquals(small.stream().map(Trial::trialId).toList(), plan(sweep.formatted(3)).stream().map(Trial::trialId).toList());
    List<Trial> large = plan(sweep.formatted(6));
    assertEquals(small.stream().map(Trial::trialId).toList(), large.subList(0, 3).stream().map(Trial::trialId).toList());
    for (Trial t : large) {
      double lr = t.config().optimizer().lr();
      assertTrue(lr >= 1e-4 && lr <= 1e-2, "lr " + lr);
    }
    assertEquals(7L, large.get(0).config().seed(), "without seeds, the base config's seed");
  }

  @Test
  void wholePluginSectionsAreValues() {
    List<Trial> t = plan("""
        parameters:
          schedule: {values: [{type: constant}, {type: cyclical, cycles: 2}]}
        """);
    assertEquals("cyclical", t.get(1).config().schedule().provider().id());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      distribution under grid | 'parameters: {optimizer.lr: {distribution: uniform, min: 0.1, max: 0.2}}' | parameters.optimizer.lr: a distribution cannot be enumerated by method grid
      random without run_cap  | 'method: random'                                          | run_cap: required (> 0) for method random
      unknown sweep key       | 'paramters: {}'                                           | paramters: unknown key; allowed: name, base, method
      unknown config key      | 'parameters: {encoder.latentDimm: {values: [2]}}'         | trial 0 (encoder.latentDimm=2): encoder.latentDimm: unknown key
      bad value in one trial  | 'parameters: {encoder.latentDim: {values: [2, 0]}}'       | trial 1 (encoder.latentDim=0): encoder.latentDim must be > 0
      unknown plugin id       | 'parameters: {prior: {values: [{type: gamma}]}}'          | prior.type: unknown prior 'gamma'; available:
      unknown pruning rule    | 'early_terminate: {type: hyperband, min_epochs: 2}'       | early_terminate: expected {type: median, min_epochs: N}
      bad min_epochs          | 'early_terminate: {type: median, min_epochs: 0}'          | early_terminate.min_epochs: expected an integer >= 1
      bad distribution        | 'method: random\\nrun_cap: 2\\nparameters: {optimizer.lr: {distribution: normal, min: 0, max: 1}}' | distribution: unknown value 'normal'
      """)
  void invalidSweepsAreRejectedBeforeAnyTrialNamingTheTrialAndField(String what, String sweep, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> plan(sweep.replace("\\n", "\n")));
    assertTrue(e.getMessage().startsWith("sweep.yaml: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
  }
}
