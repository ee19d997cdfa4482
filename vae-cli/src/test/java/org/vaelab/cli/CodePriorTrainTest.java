package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.cli.TrainEndToEndTest.onlyRun;
import static org.vaelab.cli.TrainEndToEndTest.values;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VQ-VAE with a learned prior over codes: fitted after training, evaluated beside the uniform prior, sampled from. */
class CodePriorTrainTest {
  @TempDir Path tmp;

  private Path train(String prior) throws IOException {
    Path c = tmp.resolve("vq.yaml");
    Files.writeString(c, TrainEndToEndTest.RING.replace("encoder: {type: mlp, hiddenDims: [16], latentDim: 2, activation: tanh}",
        "encoder: {type: vq, backbone: mlp, hiddenDims: [16], slots: 2, codeDim: 1, codes: 6, ema: true, resetEvery: 20}")
        + "prior: " + prior + "\n");
    Path store = tmp.resolve(prior.contains("ar") ? "ar" : "uniform");
    Cli r = Cli.run("train", "--config", c.toString(), "--tracking-dir", store.toString());
    assertEquals(0, r.code(), r.err());
    return onlyRun(store);
  }

  @Test
  void theLearnedPriorIsFittedAfterTrainingAndBeatsTheUniformOne() throws IOException {
    Path run = train("{type: codes-ar, hiddenDims: [16], epochs: 4, batchSize: 32, lr: 0.01}");
    List<Double> trainNll = values(run.resolve("metrics/codes/train_nll"));
    assertEquals(4, trainNll.size(), "one value per fitting epoch");
    double uniform = 2 * Math.log(6);
    assertTrue(trainNll.get(3) < trainNll.get(0) && trainNll.get(3) < uniform, "fitting lowers the codes' NLL: " + trainNll);
    double bound = values(run.resolve("metrics/eval/nll_bound")).get(0);
    double uniformBound = values(run.resolve("metrics/eval/nll_bound_uniform")).get(0);
    assertTrue(bound < uniformBound, "learned " + bound + " < uniform " + uniformBound);
    double kl = values(run.resolve("metrics/eval/kl")).get(0);
    assertEquals(uniformBound - bound, uniform - kl, 1e-6, "the bounds differ by the KL terms only");
    double perplexity = values(run.resolve("metrics/eval/codebook_perplexity")).get(0);
    assertTrue(perplexity >= 1 && perplexity <= 6, "perplexity " + perplexity);
    assertTrue(Files.exists(run.resolve("metrics/eval/bpd_bound")));
    assertFalse(Files.exists(run.resolve("metrics/eval/log_px")), "no density, no importance sampling");

    String id = run.getFileName().toString();
    String store = run.getParent().getParent().toString();
    Path cold = tmp.resolve("cold.csv");
    Cli s = Cli.run("sample", "--run", id, "--count", "50", "--temperature", "0.01", "--out", cold.toString(),
        "--tracking-dir", store);
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("temperature 0.01"), s.out());
    List<String> rows = Files.readAllLines(cold).subList(1, 51);
    assertEquals(1, rows.stream().distinct().count(), "near zero temperature every sample takes the most likely codes");
  }

  @Test
  void theUniformPriorIsSlotsTimesLogKAndHasNothingToFit() throws IOException {
    Path run = train("{type: codes-uniform}");
    assertFalse(Files.exists(run.resolve("metrics/codes")), "nothing fitted");
    assertEquals(2 * Math.log(6), values(run.resolve("metrics/eval/kl")).get(0), 1e-9);
    String id = run.getFileName().toString();
    Cli s = Cli.run("sample", "--run", id, "--temperature", "0", "--out", tmp.resolve("x.csv").toString(),
        "--tracking-dir", run.getParent().getParent().toString());
    assertEquals(2, s.code());
    assertTrue(s.err().contains("--temperature must be in (0, 100], was 0.0"), s.err());
  }

  @Test
  void aSecondStageFitsALearnedPriorToAFinishedRunInAChildRun() throws IOException {
    Path source = train("{type: codes-uniform}");
    Path store = source.getParent().getParent();
    String id = source.getFileName().toString();
    Cli r = Cli.run("train", "--fit-prior", id, "--set", "prior.epochs=3", "--set", "prior.hiddenDims=[16]",
        "--set", "prior.lr=0.01", "--tracking-dir", store.toString());
    assertEquals(0, r.code(), r.err());
    Path child;
    try (var runs = Files.list(source.getParent())) {
      child = runs.filter(p -> Files.isDirectory(p.resolve("tags")) && !p.equals(source)).findFirst().orElseThrow();
    }
    assertEquals(id, Files.readString(child.resolve("tags/mlflow.parentRunId")));
    assertEquals(id, Files.readString(child.resolve("tags/vaelab.fits_prior_of")));
    assertEquals("codes-ar", Files.readString(child.resolve("params/prior.type")));
    assertEquals(3, values(child.resolve("metrics/codes/train_nll")).size());
    double bound = values(child.resolve("metrics/eval/nll_bound")).get(0);
    double uniform = values(child.resolve("metrics/eval/nll_bound_uniform")).get(0);
    assertTrue(bound < uniform, "learned " + bound + " < uniform " + uniform);
    assertEquals(values(source.resolve("metrics/eval/nll_bound_uniform")).get(0), uniform, 1e-9,
        "the same encoder and decoder as the source run");
    assertFalse(Files.exists(source.resolve("metrics/codes")), "the source run is left as it was");
  }

  @Test
  void aTemperatureOnAGaussianModelIsRefused() throws IOException {
    Path c = tmp.resolve("ring.yaml");
    Files.writeString(c, TrainEndToEndTest.RING.replace("epochs: 6", "epochs: 1"));
    assertEquals(0, Cli.run("train", "--config", c.toString(), "--tracking-dir", tmp.resolve("g").toString()).code());
    String id = onlyRun(tmp.resolve("g")).getFileName().toString();
    Cli s = Cli.run("sample", "--run", id, "--temperature", "0.5", "--out", tmp.resolve("g.csv").toString(),
        "--tracking-dir", tmp.resolve("g").toString());
    assertEquals(2, s.code());
    assertTrue(s.err().contains("--temperature: 0.5 applies to a prior over codes"), s.err());
    assertEquals(1, s.err().strip().lines().count(), s.err());
    assertFalse(Files.exists(tmp.resolve("g.csv")), "nothing written");
    Cli f = Cli.run("train", "--fit-prior", id, "--tracking-dir", tmp.resolve("g").toString());
    assertEquals(2, f.code());
    assertTrue(f.err().contains("--fit-prior: run " + id + "'s posterior is gaussian (mlp encoder): it has no codes"), f.err());
  }
}
