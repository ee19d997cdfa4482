package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.experiments.track.LocalRun;
import org.vaelab.experiments.track.LocalStore;

/**
 * Conformance: the real MLflow Python API ({@code MLFLOW_ALLOW_FILE_STORE=true}) reads every run,
 * param, tag, metric history and artifact of a {@code ./mlruns} written by vaelab.
 */
class FileStoreReadByMlflowIT {
  @TempDir Path tmp;

  @Test
  void mlflowReadsEveryRunParamTagMetricHistoryAndArtifactOfTheFileStore() throws Exception {
    Path config = tmp.resolve("ring.yaml");
    Files.writeString(config, TrainEndToEndTest.RING);
    Path store = tmp.resolve("mlruns");
    assertEquals(0, Cli.run("train", "--config", config.toString(), "--tracking-dir", store.toString()).code());
    assertEquals(0, Cli.run("train", "--config", config.toString(), "--tracking-dir", store.toString(),
        "--set", "name=second", "--set", "training.epochs=2").code());

    List<LocalRun> runs = new LocalStore(store).runs();
    assertEquals(2, runs.size());
    for (LocalRun run : runs) {
      Map<String, String> py = MlflowPython.inspect(store.toUri().toString(), run.runId(), tmp.resolve(run.runId()),
          Map.of("MLFLOW_ALLOW_FILE_STORE", "true"));
      assertEquals("FINISHED", py.get("run status"));
      assertEquals(run.runName(), py.get("run name"));
      assertEquals("2", py.get("search runs"), "both runs listed by search_runs");
      assertEquals(run.params(), only(py, "param"), "params");
      Map<String, String> tags = new TreeMap<>(run.tags());
      tags.replaceAll((k, v) -> v.replace("\n", " "));
      assertEquals(tags, only(py, "tag"), "tags");
      Map<String, String> steps = new TreeMap<>();
      Map<String, String> times = new TreeMap<>();
      run.metrics().forEach((k, points) -> {
        steps.put(k, points.stream().map(p -> String.valueOf(p.step())).collect(Collectors.joining(",")));
        times.put(k, points.stream().map(p -> String.valueOf(p.timestamp())).collect(Collectors.joining(",")));
      });
      assertEquals(steps, only(py, "history"), "metric histories (steps)");
      assertEquals(times, only(py, "timestamps"), "metric histories (timestamps)");
      Map<String, String> sizes = new TreeMap<>();
      for (String a : run.artifacts()) sizes.put(a, String.valueOf(run.artifact(a).length));
      assertEquals(sizes, only(py, "artifact"), "artifacts");
      assertEquals(Set.of("ring", "ring-test"), only(py, "dataset").keySet(), "the dataset inputs");
      assertEquals(run.tags().get("vaelab.dataset.digest"), py.get("dataset ring"));
      assertEquals("train", py.get("datasettag ring mlflow.data.context"));
      assertEquals("test", py.get("datasettag ring-test mlflow.data.context"));
      assertEquals("custom_model_development", py.get("experimenttag mlflow.experimentKind"), "the UI's training view");
      assertEquals("True", py.get("tag mlflow.loggedImages"), "the UI's image view is on");
      assertTrue(py.getOrDefault("model final", "").endsWith(" READY"), "the final weights as a logged model: " + py);
      assertEquals("config.yaml,model.bin,state.yaml", py.get("modelfiles final"));
      assertTrue(py.containsKey("modelmetric final eval/log_px"), "the final evaluation's metrics linked to the model");
      long perStep = py.keySet().stream().filter(k -> k.matches("artifact images/samples\\+step\\+\\d+\\+timestamp\\+\\d+\\+[-0-9a-f]{36}\\.png")).count();
      long previews = py.keySet().stream().filter(k -> k.matches("artifact images/samples\\+step\\+.*\\+compressed\\.png")).count();
      assertEquals(perStep, previews, "a preview beside each image");
      for (String key : List.of("latent_scatter", "gap_histogram")) {
        assertTrue(py.keySet().stream().anyMatch(k -> k.matches("artifact images/" + key + "\\+step\\+\\d+\\+.*[-0-9a-f]{36}\\.png")),
            key + " as an MLflow image: " + py.keySet());
      }
      assertTrue(perStep >= 2, "samples at every evaluation epoch: " + perStep);
    }
  }

  private static Map<String, String> only(Map<String, String> facts, String kind) {
    Map<String, String> out = new TreeMap<>();
    facts.forEach((k, v) -> {
      if (k.startsWith(kind + " ")) out.put(k.substring(kind.length() + 1), v);
    });
    return out;
  }
}
