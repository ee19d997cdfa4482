package org.vaelab.experiments.track;

import java.util.Map;

/**
 * A logged model sent to an MLflow server, as a training run does at its end and {@code vae push}
 * does for a local one: created, its files uploaded to its own artifact location, its metrics
 * logged with its id, then marked READY and linked to the run at {@code step}. Each call is retried
 * for up to {@code retryMillis}.
 */
final class LoggedModelUpload {
  private LoggedModelUpload() {}

  /** Returns the new model's id. */
  static String send(ServerApi api, long retryMillis, String experimentId, String runId, String name,
      Map<String, String> params, Map<String, String> tags, Map<String, byte[]> files, Map<String, Double> metrics,
      long step) {
    String on = " on " + api.host();
    ServerApi.LoggedModelRef m = Retry.call("creating logged model " + name + on, retryMillis,
        () -> api.createLoggedModel(experimentId, name, runId, params, tags));
    files.forEach((path, bytes) -> Retry.run("uploading " + path + " of model " + name + on, retryMillis,
        () -> api.putArtifact(m.artifactUri(), path, bytes)));
    Retry.run("logging the metrics of model " + name + on, retryMillis,
        () -> api.logModelMetrics(runId, m.modelId(), metrics, step));
    Retry.run("finalising model " + name + on, retryMillis, () -> api.finalizeLoggedModel(runId, m.modelId(), step));
    return m.modelId();
  }
}
