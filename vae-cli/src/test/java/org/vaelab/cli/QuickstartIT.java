package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One epoch of the quickstart on the real Fashion-MNIST (installed by .ci/run). */
class QuickstartIT {

  @TempDir Path tmp;

  @Test
  void oneEpochOfTheQuickstartReachesATestElboAboveMinus300() throws IOException {
    Required.fashionMnist();
    Cli r = Cli.run("train", "--config", "experiments/quickstart.yaml", "--set", "training.epochs=1",
        "--set", "evaluation.finalK=100", "--set", "evaluation.finalGapPoints=50", "--tracking-dir", tmp.toString());
    assertEquals(0, r.code(), r.err());
    Path run = TrainEndToEndTest.onlyRun(tmp);
    List<Double> elbo = TrainEndToEndTest.values(run.resolve("metrics/test/elbo"));
    assertTrue(elbo.get(0) > -300 && elbo.get(0) < -150, "test elbo after one epoch " + elbo);
    assertEquals(469L, TrainEndToEndTest.steps(run.resolve("metrics/test/elbo")).get(0), "60000/128 steps, last partial");
    assertTrue(Files.size(run.resolve("artifacts/samples.png")) > 1000);
    assertTrue(Files.size(run.resolve("artifacts/reconstructions.png")) > 1000);
    double probe = TrainEndToEndTest.values(run.resolve("metrics/eval/probe_accuracy")).get(0);
    assertTrue(probe > 0.6 && probe <= 1, "a linear probe on the latent means predicts the class: " + probe);
    double gap = TrainEndToEndTest.values(run.resolve("metrics/eval/amortisation_gap")).get(0);
    assertTrue(gap > 0, "after one epoch the encoder is measurably short of per-datapoint inference: " + gap);
    assertEquals(20.0, TrainEndToEndTest.values(run.resolve("metrics/eval/active_units")).get(0), "all 20 units active");
    for (String a : List.of("latent_scatter.png", "latent_traversal.png", "gap_histogram.png")) {
      assertTrue(Files.size(run.resolve("artifacts/" + a)) > 1000, a);
    }
    Path grid = tmp.resolve("grid.png");
    Cli sampled = Cli.run("sample", "--run", run.getFileName().toString(), "--count", "32", "--out", grid.toString(),
        "--tracking-dir", tmp.toString());
    assertEquals(0, sampled.code(), sampled.err());
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(grid.toFile());
    assertTrue(img.getWidth() >= 16 * 28 && img.getHeight() >= 2 * 28, "a 16 x 2 grid of 28 x 28 samples: "
        + img.getWidth() + " x " + img.getHeight());
    Path codes = tmp.resolve("codes.csv");
    assertEquals(0, Cli.run("encode", "--run", run.getFileName().toString(), "--limit", "500", "--out", codes.toString(),
        "--tracking-dir", tmp.toString()).code());
    List<String> lines = Files.readAllLines(codes);
    assertEquals(501, lines.size());
    assertTrue(lines.get(0).startsWith("label,mean0,"), lines.get(0));
    assertTrue(lines.get(1).matches("\\d,.*"), "each row starts with its class label: " + lines.get(1));
    Path rec = tmp.resolve("rec.png");
    assertEquals(0, Cli.run("reconstruct", "--run", run.getFileName().toString(), "--count", "16", "--out", rec.toString(),
        "--tracking-dir", tmp.toString()).code());
    img = javax.imageio.ImageIO.read(rec.toFile());
    assertTrue(img.getWidth() >= 8 * 28 && img.getHeight() >= 4 * 28, "two pairs of rows of 8: " + img.getWidth() + " x " + img.getHeight());
    Path line = tmp.resolve("line.png");
    assertEquals(0, Cli.run("interpolate", "--run", run.getFileName().toString(), "--from", "3", "--to", "7", "--steps", "12",
        "--out", line.toString(), "--tracking-dir", tmp.toString()).code());
    img = javax.imageio.ImageIO.read(line.toFile());
    assertTrue(img.getWidth() >= 12 * 28 && img.getHeight() < 2 * 28 * 2, "one row of 12: " + img.getWidth() + " x " + img.getHeight());
  }
}
