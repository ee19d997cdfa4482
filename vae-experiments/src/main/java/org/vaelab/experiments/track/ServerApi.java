package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.track.RunRecord;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tags;

/**
 * The REST calls vaelab makes to an MLflow server: tracking through {@code mlflow-client} (one
 * attempt each, with timeouts), artifacts by HTTP PUT/GET to the server's
 * {@code /api/2.0/mlflow-artifacts/artifacts/…} proxy, or directly when the artifact URI is {@code file:}.
 */
final class ServerApi implements AutoCloseable {
  private final ServerCredentials creds;
  private final MlflowClient client;
  private final HttpClient http;
  private final Duration timeout;

  ServerApi(ServerCredentials creds, long timeoutMillis) {
    this.creds = creds;
    this.client = MlflowClients.create(creds.hostCreds(), (int) timeoutMillis);
    this.timeout = Duration.ofMillis(timeoutMillis);
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  String host() { return creds.host(); }

  /** The id of the active experiment {@code name}, created if missing; a deleted one is an error. */
  String experimentId(String name) {
    Optional<Service.Experiment> found = client.getExperimentByName(name);
    if (found.isPresent()) {
      if (!"active".equals(found.get().getLifecycleStage())) {
        throw new ConfigException("experiment '" + name + "' is deleted on " + host()
            + "; restore it (mlflow experiments restore) or choose another name");
      }
      if (found.get().getTagsList().stream().noneMatch(t -> t.getKey().equals(Tags.EXPERIMENT_KIND))) {
        markTraining(found.get().getExperimentId());
      }
      return found.get().getExperimentId();
    }
    try {
      String id = client.createExperiment(name);
      markTraining(id);
      return id;
    } catch (MlflowHttpException e) {
      if (e.getStatusCode() == 400 && String.valueOf(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS")) {
        return client.getExperimentByName(name).orElseThrow().getExperimentId();  // created concurrently
      }
      throw e;
    }
  }

  /** Tags the experiment as a training one, so the UI opens on its training view. */
  private void markTraining(String experimentId) {
    setExperimentTag(experimentId, Tags.EXPERIMENT_KIND, MlflowLayout.TRAINING_KIND);
  }

  void setExperimentTag(String experimentId, String key, String value) {
    client.sendPost("experiments/set-experiment-tag", "{\"experiment_id\":" + Json.str(experimentId) + ",\"key\":"
        + Json.str(key) + ",\"value\":" + Json.str(value) + "}");
  }

  Service.RunInfo createRun(String experimentId, String runName, String user, long startTime, Map<String, String> tags) {
    Service.CreateRun.Builder b = Service.CreateRun.newBuilder().setExperimentId(experimentId).setRunName(runName)
        .setUserId(user).setStartTime(startTime);
    tags.forEach((k, v) -> b.addTags(Service.RunTag.newBuilder().setKey(k).setValue(v)));
    return client.createRun(b.build());
  }

  /** The run, or empty if the server has no such run. */
  Optional<Service.Run> run(String runId) {
    try {
      return Optional.of(client.getRun(runId));
    } catch (MlflowHttpException e) {
      if (e.getStatusCode() == 404) return Optional.empty();
      throw e;
    }
  }

  /** Active runs of {@code experiment} with all of {@code tags}; none if the experiment does not exist. */
  List<RunRecord> findRuns(String experiment, Map<String, String> tags) {
    Optional<Service.Experiment> exp = client.getExperimentByName(experiment);
    if (exp.isEmpty() || !"active".equals(exp.get().getLifecycleStage())) return List.of();
    List<String> clauses = new ArrayList<>();
    tags.forEach((k, v) -> clauses.add("tags.`" + k + "` = '" + v.replace("'", "\\'") + "'"));
    List<RunRecord> out = new ArrayList<>();
    String token = null;
    do {
      RunsPage page = client.searchRuns(List.of(exp.get().getExperimentId()), String.join(" and ", clauses),
          Service.ViewType.ACTIVE_ONLY, 1000, List.of(), token);
      for (Service.Run r : page.getItems()) {
        Map<String, String> t = new java.util.HashMap<>();
        r.getData().getTagsList().forEach(tag -> t.put(tag.getKey(), tag.getValue()));
        Map<String, Double> last = new java.util.HashMap<>();
        r.getData().getMetricsList().forEach(m -> last.put(m.getKey(), m.getValue()));
        out.add(new RunRecord(r.getInfo().getRunId(), RunStatus.valueOf(r.getInfo().getStatus().name()), t, last));
      }
      token = page.getNextPageToken().orElse(null);
    } while (token != null && !token.isEmpty());
    return out;
  }

  List<Service.Metric> metricHistory(String runId, String key) {
    return client.getMetricHistory(runId, key);
  }

  void logBatch(String runId, List<Service.Metric> metrics, List<Service.Param> params, List<Service.RunTag> tags) {
    client.logBatch(runId, metrics, params, tags);
  }

  /** {@code runs/log-inputs}: records the dataset a run used (the Java client does not wrap it). */
  void logDataset(String runId, String name, String digest, String source, String context) {
    String json = "{\"run_id\":" + Json.str(runId) + ",\"datasets\":[{\"dataset\":{\"name\":" + Json.str(name)
        + ",\"digest\":" + Json.str(digest) + ",\"source_type\":\"local\",\"source\":"
        + Json.str("{\"uri\":" + Json.str(source) + "}") + "},\"tags\":[{\"key\":\"mlflow.data.context\",\"value\":"
        + Json.str(context) + "}]}]}";
    client.sendPost("runs/log-inputs", json);
  }

  /** A logged model on the server: its id, the run it came from and where its artifacts go. */
  record LoggedModelRef(String modelId, String sourceRunId, String artifactUri) {
    /** From the server's {@code {"model": {"info": {...}}}}. */
    static LoggedModelRef parse(String body, String what) {
      Map<?, ?> info = (Map<?, ?>) ((Map<?, ?>) org.vaelab.experiments.config.Yaml.parseMap(body, what).get("model"))
          .get("info");
      return new LoggedModelRef(String.valueOf(info.get("model_id")), String.valueOf(info.get("source_run_id")),
          String.valueOf(info.get("artifact_uri")));
    }
  }

  /**
   * {@code logged-models} (MLflow 3): a new logged model of {@code sourceRunId}, PENDING until
   * {@link #finalizeLoggedModel}; params longer than the server takes are cut, as a run's are.
   */
  LoggedModelRef createLoggedModel(String experimentId, String name, String sourceRunId, Map<String, String> params,
      Map<String, String> tags) {
    Map<String, String> cut = new java.util.LinkedHashMap<>();
    params.forEach((k, v) -> cut.put(k, v.length() > ServerRun.MAX_PARAM_LENGTH ? v.substring(0, ServerRun.MAX_PARAM_LENGTH) : v));
    String json = "{\"experiment_id\":" + Json.str(experimentId) + ",\"name\":" + Json.str(name)
        + ",\"model_type\":\"vaelab\",\"source_run_id\":" + Json.str(sourceRunId) + ",\"params\":" + Json.pairs(cut)
        + ",\"tags\":" + Json.pairs(tags) + "}";
    return LoggedModelRef.parse(client.sendPost("logged-models", json), "the server's answer to logged-models");
  }

  /** The logged model {@code modelId}, or empty if the server has none by that id. */
  Optional<LoggedModelRef> loggedModel(String modelId) {
    if (!modelId.matches("[A-Za-z0-9_-]+")) return Optional.empty();
    try {
      return Optional.of(LoggedModelRef.parse(client.sendGet("logged-models/" + modelId),
          "the server's logged model " + modelId));
    } catch (MlflowHttpException e) {
      if (e.getStatusCode() == 404) return Optional.empty();
      throw e;
    }
  }

  /** Metrics measured on a logged model, logged to its source run with the model's id. */
  void logModelMetrics(String runId, String modelId, Map<String, Double> metrics, long step) {
    if (metrics.isEmpty()) return;
    long now = System.currentTimeMillis();
    StringBuilder b = new StringBuilder("{\"run_id\":" + Json.str(runId) + ",\"metrics\":[");
    metrics.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '[' ? "" : ",").append("{\"key\":").append(Json.str(k))
        .append(",\"value\":").append(v).append(",\"timestamp\":").append(now).append(",\"step\":").append(step)
        .append(",\"model_id\":").append(Json.str(modelId)).append('}'));
    client.sendPost("runs/log-batch", b.append("]}").toString());
  }

  /** Marks a logged model READY (its files are uploaded) and records it as an output of {@code runId} at {@code step}. */
  void finalizeLoggedModel(String runId, String modelId, long step) {
    client.sendPatch("logged-models/" + modelId, "{\"model_id\":" + Json.str(modelId) + ",\"status\":2}");
    client.sendPost("runs/outputs", "{\"run_id\":" + Json.str(runId) + ",\"models\":[{\"model_id\":"
        + Json.str(modelId) + ",\"step\":" + step + "}]}");
  }

  void deleteRun(String runId) {
    client.deleteRun(runId);
  }

  void setStatus(String runId, RunStatus status, Long endTime) {
    String json = "{\"run_id\":" + Json.str(runId) + ",\"status\":" + Json.str(status.name())
        + (endTime == null ? "" : ",\"end_time\":" + endTime) + "}";
    client.sendPost("runs/update", json);
  }

  void putArtifact(String artifactUri, String path, byte[] content) {
    if (artifactUri.startsWith("file:")) {
      AtomicFiles.write(FileStoreRun.safe(Path.of(URI.create(artifactUri)), path), content);
      return;
    }
    send(HttpRequest.newBuilder(artifactUrl(artifactUri, path)).PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
        "upload of " + path);
  }

  Optional<byte[]> getArtifact(String artifactUri, String path) {
    if (artifactUri.startsWith("file:")) {
      Path p = FileStoreRun.safe(Path.of(URI.create(artifactUri)), path);
      try {
        return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(artifactUrl(artifactUri, path)).GET(), "download of " + path);
    return r == null ? Optional.empty() : Optional.of(r.body());
  }

  /** Fails early on artifact stores vaelab cannot write to. */
  static void checkArtifactUri(String artifactUri, String host) {
    if (!artifactUri.startsWith("file:") && !artifactUri.startsWith("mlflow-artifacts:")) {
      throw new ConfigException("the MLflow server " + host + " stores artifacts at '" + artifactUri
          + "'; vaelab uploads through the server's artifact proxy (mlflow server --serve-artifacts, the default)"
          + " or to a file: location");
    }
  }

  /** {@code mlflow-artifacts:/1/<run>/artifacts} + {@code path} → {@code <host>/api/2.0/mlflow-artifacts/artifacts/1/<run>/artifacts/path}. */
  private URI artifactUrl(String artifactUri, String path) {
    FileStoreRun.safe(Path.of("/run"), path);
    String rest = artifactUri.substring("mlflow-artifacts:".length());
    if (rest.startsWith("//")) rest = rest.substring(rest.indexOf('/', 2) < 0 ? rest.length() : rest.indexOf('/', 2));
    List<String> segments = new ArrayList<>();
    for (String s : (rest + "/" + path).split("/")) {
      if (!s.isEmpty()) segments.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return URI.create(host() + "/api/2.0/mlflow-artifacts/artifacts/" + String.join("/", segments));
  }

  /** Sends one artifact request; a 404 on GET gives null, other errors throw. */
  private HttpResponse<byte[]> send(HttpRequest.Builder b, String what) {
    creds.authorization().ifPresent(a -> b.header("Authorization", a));
    HttpRequest request = b.timeout(timeout).build();
    HttpResponse<byte[]> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException(what + " interrupted"));
    }
    if (r.statusCode() == 404 && "GET".equals(request.method())) return null;
    if (r.statusCode() >= 300) {
      String body = new String(r.body(), StandardCharsets.UTF_8);
      throw new HttpStatusException(r.statusCode(), what + ": " + (body.length() > 300 ? body.substring(0, 300) : body));
    }
    return r;
  }

  @Override
  public void close() {
    client.close();
  }
}
