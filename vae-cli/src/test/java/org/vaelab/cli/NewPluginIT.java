package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin author's round trip: {@code vae new-plugin} writes a module that builds with Maven and
 * passes the test kit, and its jar shows up in {@code vae --plugins DIR plugins} and trains.
 */
class NewPluginIT {
  @TempDir Path tmp;

  /** Runs Maven in {@code dir}; vae-api must be in the local repository for the generated module. */
  private static void maven(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("mvn", "-B", "-q"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "maven finished");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + " in " + dir + ":\n" + out);
  }

  @Test
  void aGeneratedPriorBuildsPassesTheKitLoadsAsAPluginAndTrains() throws Exception {
    // put the parent pom and the built vae-api jars in the local repository, as a release would (copies only:
    // rebuilding vae-api here would rewrite jars this JVM has open)
    Path repo = Path.of("").toAbsolutePath();
    String version = PluginScaffold.vaelabVersion();
    Path api = repo.resolve("vae-api/target/vae-api-" + version);
    maven(repo, "install:install-file", "-Dfile=pom.xml", "-DpomFile=pom.xml", "-Dpackaging=pom");
    maven(repo, "install:install-file", "-Dfile=" + api + ".jar", "-DpomFile=vae-api/pom.xml");
    maven(repo, "install:install-file", "-Dfile=" + api + "-tests.jar", "-DgroupId=org.vaelab", "-DartifactId=vae-api",
        "-Dversion=" + version, "-Dpackaging=jar", "-Dclassifier=tests", "-DgeneratePom=false");

    Path module = tmp.resolve("half-normal");
    Cli gen = Cli.run("new-plugin", "--kind", "prior", "--id", "wide-normal", "--package", "org.example.vae",
        "--dir", module.toString());
    assertEquals(0, gen.code(), gen.err());
    maven(module, "package");
    assertTrue(Files.readString(module.resolve("target/surefire-reports/org.example.vae.WideNormalProviderTest.txt"))
        .contains("Failures: 0, Errors: 0, Skipped: 0"), "the test kit ran and passed");

    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    Files.copy(module.resolve("target/wide-normal-0.1.0.jar"), plugins.resolve("wide-normal.jar"));
    Cli listed = Cli.run("--plugins", plugins.toString(), "plugins");
    assertTrue(listed.out().contains("wide-normal"), listed.out());

    Path config = tmp.resolve("ring.yaml");
    Files.writeString(config, TrainEndToEndTest.RING);
    Cli trained = Cli.run("--plugins", plugins.toString(), "train", "--config", config.toString(), "--tracking-dir",
        tmp.resolve("mlruns").toString(), "--set", "prior={type: wide-normal, scale: 2.0}");
    assertEquals(0, trained.code(), trained.err());

    Path objective = tmp.resolve("renyi");
    assertEquals(0, Cli.run("new-plugin", "--kind", "objective", "--id", "renyi", "--package", "org.example.vae",
        "--dir", objective.toString()).code());
    maven(objective, "package");
    assertTrue(Files.readString(objective.resolve("target/surefire-reports/org.example.vae.RenyiProviderTest.txt"))
        .contains("Failures: 0, Errors: 0, Skipped: 0"), "the objective contract ran and passed");
    Files.copy(objective.resolve("target/renyi-0.1.0.jar"), plugins.resolve("renyi.jar"));
    Cli withObjective = Cli.run("--plugins", plugins.toString(), "train", "--config", config.toString(), "--tracking-dir",
        tmp.resolve("mlruns").toString(), "--set", "objective={type: renyi, samples: 3, alpha: 0.5}");
    assertEquals(0, withObjective.code(), withObjective.err());

    Path posterior = tmp.resolve("affine");
    assertEquals(0, Cli.run("new-plugin", "--kind", "posterior", "--id", "affine-flow", "--package", "org.example.vae",
        "--dir", posterior.toString()).code());
    maven(posterior, "package");
    assertTrue(Files.readString(posterior.resolve("target/surefire-reports/org.example.vae.AffineFlowProviderTest.txt"))
        .contains("Failures: 0, Errors: 0, Skipped: 0"), "the posterior contract ran and passed");
    Files.copy(posterior.resolve("target/affine-flow-0.1.0.jar"), plugins.resolve("affine-flow.jar"));
    Cli withPosterior = Cli.run("--plugins", plugins.toString(), "train", "--config", config.toString(), "--tracking-dir",
        tmp.resolve("mlruns").toString(), "--set", "posterior={type: affine-flow, steps: 2}");
    assertEquals(0, withPosterior.code(), withPosterior.err());
    String id;
    try (var runs = Files.list(tmp.resolve("mlruns/1"))) {
      id = runs.filter(r -> Files.exists(r.resolve("params/posterior.type"))).filter(r -> {
        try {
          return Files.readString(r.resolve("params/posterior.type")).equals("affine-flow");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).findFirst().orElseThrow().getFileName().toString();
    }
    Cli evaluated = Cli.run("--plugins", plugins.toString(), "eval", "--run", id, "--tracking-dir",
        tmp.resolve("mlruns").toString(), "--k", "20", "--gap-points", "5");
    assertEquals(0, evaluated.code(), evaluated.err());
    Cli sampled = Cli.run("--plugins", plugins.toString(), "sample", "--run", id, "--count", "4", "--out",
        tmp.resolve("s.csv").toString(), "--tracking-dir", tmp.resolve("mlruns").toString());
    assertEquals(0, sampled.code(), sampled.err());

    Path sweep = tmp.resolve("sweep.yaml");
    Files.writeString(sweep, "name: with-plugins\nbase: ring.yaml\nparameters:\n  posterior: {values: [{type: affine-flow,"
        + " steps: 1}, {type: gaussian}]}\n  objective: {values: [{type: renyi, samples: 2, alpha: 0.5}]}\n");
    Cli swept = Cli.run("--plugins", plugins.toString(), "sweep", "run", sweep.toString(), "--tracking-dir",
        tmp.resolve("sweeps").toString());
    assertEquals(0, swept.code(), swept.out() + swept.err());
    assertTrue(swept.out().contains("2 trials"), "both trials, each with the out-of-tree plugins: " + swept.out());
  }
}
