package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/** vae train, resume and push against a real MLflow server, checked through its REST API and the Python API. */
class MlflowServerIT {
  @TempDir Path tmp;
  @RegisterExtension static final MlflowServerExtension MLFLOW = new MlflowServerExtension();

  static String runId(String output) {
    Matcher m = Pattern.compile("run ([0-9a-f]{32}) in ").matcher(output);
    assertTrue(m.find(), "run id in: " + output);
    return m.group(1);
  }

  private Path ringConfig(String experiment) throws Exception {
    Path c = tmp.resolve("ring.yaml");
    Files.writeString(c, TrainEndToEndTest.RING.replace("experiment: e2e", "experiment: " + experiment));
    return c;
  }

  @Test
  void aTrainedRunIsOnTheServerWithParamsMetricHistoriesTagsDatasetAndArtifacts() throws Exception {
    Cli r = Cli.run("train", "--config", ringConfig("server-e2e").toString(), "--tracking-uri", MLFLOW.server().uri());
    assertEquals(0, r.code(), r.err());
    String id = runId(r.out());
    assertTrue(r.out().contains("look at it at: " + MLFLOW.server().uri() + "/#/experiments/"), r.out());

    try (MlflowClient rest = new MlflowClient(MLFLOW.server().uri())) {
      Service.Run run = rest.getRun(id);
      assertEquals(Service.RunStatus.FINISHED, run.getInfo().getStatus());
      assertEquals("ring-test", run.getInfo().getRunName());
      List<Service.Metric> loss = rest.getMetricHistory(id, "train/loss");
      assertEquals(LongStream.rangeClosed(1, 15).map(i -> 2 * i).boxed().toList(),
          loss.stream().map(Service.Metric::getStep).toList(), "every second step of 30");
      assertEquals(6, rest.getMetricHistory(id, "test/elbo").size());
    }

    Map<String, String> py = MlflowPython.inspect(MLFLOW.server().uri(), id, tmp, Map.of());
    assertEquals("FINISHED", py.get("run status"));
    assertEquals("server-e2e", py.get("run experiment"));
    assertEquals("2", py.get("param encoder.latentDim"));
    assertEquals("gaussian", py.get("param likelihood.type"));
    assertEquals(LongStream.rangeClosed(1, 6).map(i -> 5 * i).boxed().toList(), MlflowPython.steps(py, "test/elbo"));
    assertEquals("ring-test", py.get("tag mlflow.runName"));
    assertEquals("LOCAL", py.get("tag mlflow.source.type"));
    assertTrue(py.containsKey("tag mlflow.user"), py.keySet().toString());
    assertTrue(py.get("tag mlflow.note.content").contains("mlp encoder"), py.get("tag mlflow.note.content"));
    assertTrue(py.containsKey("dataset ring"), "dataset logged with log-inputs: " + py.keySet());
    assertEquals("train", py.get("datasettag ring mlflow.data.context"));
    assertEquals("test", py.get("datasettag ring-test mlflow.data.context"));
    assertEquals("custom_model_development", py.get("experimenttag mlflow.experimentKind"), "the UI's training view");
    assertTrue(py.containsKey("history system/heap_used_megabytes"), py.keySet().toString());
    assertTrue(py.getOrDefault("model final", "").endsWith(" READY"), "the final weights as a logged model: " + py);
    assertEquals("config.yaml,model.bin,state.yaml", py.get("modelfiles final"));
    assertTrue(py.containsKey("modelmetric final eval/log_px"), "the final evaluation's metrics linked to the model");
    assertEquals("True", py.get("tag mlflow.loggedImages"), "the UI's image view is on");
    Path samples = tmp.resolve("server-samples.csv");
    Cli sampled = Cli.run("sample", "--run", id, "--count", "5", "--out", samples.toString(), "--tracking-uri", MLFLOW.server().uri());
    assertEquals(0, sampled.code(), sampled.err());
    assertEquals(6, Files.readAllLines(samples).size(), "a model loaded from the server alone");
    String experimentId;
    try (MlflowClient rest = new MlflowClient(MLFLOW.server().uri())) {
      experimentId = rest.getRun(id).getInfo().getExperimentId();
    }
    Matcher model = Pattern.compile("\"model_id\": ?\"(m-[0-9a-f]+)\"")
        .matcher(MLFLOW.server().post("logged-models/search", "{\"experiment_ids\": [\"" + experimentId + "\"]}"));
    assertTrue(model.find(), "a logged model on the server");
    Path fromModel = tmp.resolve("server-model-samples.csv");
    Cli byModel = Cli.run("sample", "--model", model.group(1), "--count", "5", "--out", fromModel.toString(),
        "--tracking-uri", MLFLOW.server().uri());
    assertEquals(0, byModel.code(), byModel.err());
    assertEquals(Files.readString(samples), Files.readString(fromModel), "the logged model holds the run's final weights");
    for (String a : List.of("config.yaml", "samples.png", "checkpoint/model.bin", "checkpoint/state.yaml")) {
      assertTrue(py.containsKey("artifact " + a), a + " in " + py.keySet());
    }
    assertNotEquals("0", py.get("artifact samples.png"));
  }

  @Test
  void resumeContinuesTheSameServerRunFromItsCheckpoint() throws Exception {
    Path config = ringConfig("server-resume");
    Cli first = Cli.run("train", "--config", config.toString(), "--tracking-uri", MLFLOW.server().uri(), "--set", "training.epochs=3");
    assertEquals(0, first.code(), first.err());
    String id = runId(first.out());
    Cli more = Cli.run("train", "--resume", id, "--tracking-uri", MLFLOW.server().uri(), "--set", "training.epochs=5");
    assertEquals(0, more.code(), more.err());
    assertTrue(more.out().contains("resuming run " + id + " after epoch 3"), more.out());
    try (MlflowClient rest = new MlflowClient(MLFLOW.server().uri())) {
      assertEquals(List.of(5L, 10L, 15L, 20L, 25L),
          rest.getMetricHistory(id, "test/elbo").stream().map(Service.Metric::getStep).toList());
      assertEquals(Service.RunStatus.FINISHED, rest.getRun(id).getInfo().getStatus());
    }
  }

  @Test
  void pushReplaysLocalRunsWithTheirHistoryAndParentLinkOnlyOnce() throws Exception {
    Path config = ringConfig("pushed");
    Path store = tmp.resolve("mlruns");
    Cli parent = Cli.run("train", "--config", config.toString(), "--tracking-dir", store.toString(), "--set", "training.epochs=2");
    Cli child = Cli.run("train", "--config", config.toString(), "--tracking-dir", store.toString(), "--set", "training.epochs=2");
    assertEquals(0, parent.code() + child.code(), parent.err() + child.err());
    String parentId = runId(parent.out());
    String childId = runId(child.out());
    Path childDir = store.resolve("1").resolve(childId);
    Files.writeString(childDir.resolve("tags/mlflow.parentRunId"), parentId);
    List<String> localLoss = Files.readAllLines(childDir.resolve("metrics/train/loss"));

    Cli push = Cli.run("push", "--experiment", "pushed", "--to", MLFLOW.server().uri(), "--tracking-dir", store.toString());
    assertEquals(0, push.code(), push.err());
    assertTrue(push.out().contains("done: 2 pushed, 0 already there"), push.out());
    Cli again = Cli.run("push", "--all", "--to", MLFLOW.server().uri(), "--tracking-dir", store.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("done: 0 pushed, 2 already there"), again.out());

    String serverChild = pushedId(push.out(), childId);
    String serverParent = pushedId(push.out(), parentId);
    Map<String, String> py = MlflowPython.inspect(MLFLOW.server().uri(), serverChild, tmp, Map.of());
    assertEquals("2", py.get("search runs"), "no duplicates after pushing twice");
    assertEquals(serverParent, py.get("tag mlflow.parentRunId"), "parent link remapped to the server id");
    assertEquals(childId, py.get("tag vaelab.pushed_from"));
    assertEquals("FINISHED", py.get("run status"));
    assertEquals(localLoss.stream().map(l -> l.split(" ")[2]).toList(), List.of(py.get("history train/loss").split(",")));
    assertEquals(localLoss.stream().map(l -> l.split(" ")[0]).toList(), List.of(py.get("timestamps train/loss").split(",")),
        "original timestamps");
    assertEquals(String.valueOf(Files.size(childDir.resolve("artifacts/checkpoint/model.bin"))),
        py.get("artifact checkpoint/model.bin"));
    assertTrue(py.containsKey("dataset ring"), py.keySet().toString());
    assertEquals("custom_model_development", py.get("experimenttag mlflow.experimentKind"), "a pushed experiment too");
    assertEquals("test", py.get("datasettag ring-test mlflow.data.context"), "every dataset input, not only training");
    assertTrue(py.getOrDefault("model final", "").endsWith(" READY"), "the logged model pushed too: " + py);
    assertEquals("True", py.get("tag mlflow.loggedImages"), "the image view is on for a pushed run");
    assertTrue(py.keySet().stream().anyMatch(k -> k.matches("artifact images/samples\\+step\\+\\d+\\+.*\\.png")),
        "the images per step pushed: " + py.keySet());
    assertEquals("config.yaml,model.bin,state.yaml", py.get("modelfiles final"));
    assertTrue(py.containsKey("modelmetric final eval/log_px"), py.keySet().toString());
    assertFalse(py.keySet().stream().anyMatch(k -> k.startsWith("tag vaelab.pushed.")), "push bookkeeping stays local");
  }

  @Test
  void aDeletedExperimentOfThatNameIsAClearError() throws Exception {
    String created = MLFLOW.server().post("experiments/create", "{\"name\":\"gone\"}");
    String expId = created.replaceAll("(?s).*\"experiment_id\"\\s*:\\s*\"(\\d+)\".*", "$1");
    MLFLOW.server().post("experiments/delete", "{\"experiment_id\":\"" + expId + "\"}");
    Cli r = Cli.run("train", "--config", ringConfig("gone").toString(), "--tracking-uri", MLFLOW.server().uri());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("experiment 'gone' is deleted on " + MLFLOW.server().uri()), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void credentialsAppearNowhereARunWrites() throws Exception {
    String token = "tok-SECRET-7f3a";
    String password = "pw-SECRET-91c2";
    Map<String, String> withToken = new java.util.HashMap<>(System.getenv());
    withToken.put("MLFLOW_TRACKING_TOKEN", token);
    Map<String, String> withPassword = new java.util.HashMap<>(System.getenv());
    withPassword.put("MLFLOW_TRACKING_USERNAME", "researcher");
    withPassword.put("MLFLOW_TRACKING_PASSWORD", password);
    StringBuilder printed = new StringBuilder();
    for (Map<String, String> env : List.of(withToken, withPassword)) {
      Cli r = Cli.run(env, "train", "--config", ringConfig("secrets").toString(), "--tracking-uri",
          MLFLOW.server().uri(), "--set", "training.epochs=2");
      assertEquals(0, r.code(), r.err());
      printed.append(r.out()).append(r.err());
      Cli bad = Cli.run(env, "train", "--config", ringConfig("secrets").toString(), "--tracking-uri",
          "http://127.0.0.1:1", "--set", "tracker.retrySeconds=0.1", "--set", "training.epochs=1");
      printed.append(bad.out()).append(bad.err());  // an error message naming the unreachable server
    }
    for (String secret : List.of(token, password)) {
      assertFalse(printed.toString().contains(secret), "console output");
    }
    // the server's database (params, tags, metrics, run names) and every artifact, byte by byte
    List<Path> files;
    try (var walk = Files.walk(MLFLOW.server().dir())) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith("config.yaml")), "artifacts were written: " + files);
    for (Path f : files) {
      String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      for (String secret : List.of(token, password)) assertFalse(content.contains(secret), secret + " in " + f);
    }
  }

  @Test
  void sigtermEndsTheServerRunAsKilled() throws Exception {
    Path config = ringConfig("killed");
    Process p = new ProcessBuilder("./vae", "train", "--config", config.toString(), "--tracking-uri", MLFLOW.server().uri(),
        "--set", "training.epochs=2000").redirectErrorStream(true).start();
    StringBuilder seen = new StringBuilder();
    var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith("epoch 3/")) break;
    }
    String id = runId(seen.toString());
    p.destroy();  // SIGTERM
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "vae exits after SIGTERM");
    try (MlflowClient rest = new MlflowClient(MLFLOW.server().uri())) {
      Service.Run run = rest.getRun(id);
      assertEquals(Service.RunStatus.KILLED, run.getInfo().getStatus(), seen.toString());
      assertTrue(run.getData().getTagsList().stream().anyMatch(t -> t.getKey().equals("mlflow.note.content")
          && t.getValue().startsWith("killed")));
    }
  }

  @Test
  void aSweepOnTheServerHasOneParentAndAChildRunPerTrial() throws Exception {
    Path base = ringConfig("server-sweep");
    Path file = tmp.resolve("sweep.yaml");
    Files.writeString(file, "name: on-server\nbase: " + base + "\nparameters:\n  encoder.latentDim: {values: [1, 2]}\n");
    Cli r = Cli.run("sweep", "run", file.toString(), "--tracking-uri", MLFLOW.server().uri());
    assertEquals(0, r.code(), r.out() + r.err());
    try (MlflowClient rest = new MlflowClient(MLFLOW.server().uri())) {
      String exp = rest.getExperimentByName("server-sweep").orElseThrow().getExperimentId();
      List<Service.Run> runs = rest.searchRuns(List.of(exp), "tags.`sweep.id` = 'on-server'", Service.ViewType.ACTIVE_ONLY,
          100).getItems();
      assertEquals(3, runs.size());
      Service.Run parent = runs.stream().filter(x -> tag(x, "vaelab.sweep.role").equals("parent")).findFirst().orElseThrow();
      assertEquals(Service.RunStatus.FINISHED, parent.getInfo().getStatus());
      for (Service.Run child : runs) {
        if (child == parent) continue;
        assertEquals(parent.getInfo().getRunId(), tag(child, "mlflow.parentRunId"));
        assertEquals(Service.RunStatus.FINISHED, child.getInfo().getStatus());
      }
      assertTrue(!tag(parent, "sweep.best_run").isEmpty());
      Map<String, String> py = MlflowPython.inspect(MLFLOW.server().uri(), parent.getInfo().getRunId(), tmp.resolve("py"),
          Map.of());
      assertEquals("True", py.get("tag mlflow.loggedImages"), "the parent's summary picture is an MLflow image");
      assertTrue(py.keySet().stream().anyMatch(k -> k.matches("artifact images/sweep~summary\\+step\\+0\\+.*\\.png")),
          py.keySet().toString());
      assertEquals("test/elbo", py.get("experimenttag mlflow.experiment.primaryMetric.name"));
    }
  }

  private static String tag(Service.Run run, String key) {
    return run.getData().getTagsList().stream().filter(t -> t.getKey().equals(key)).map(Service.RunTag::getValue)
        .findFirst().orElse("");
  }

  private static String pushedId(String output, String localId) {
    Matcher m = Pattern.compile(localId + " -> \\S+ run ([0-9a-f]{32})").matcher(output);
    assertTrue(m.find(), localId + " in " + output);
    return m.group(1);
  }
}
