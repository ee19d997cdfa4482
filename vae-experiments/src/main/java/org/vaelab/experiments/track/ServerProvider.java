package org.vaelab.experiments.track;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.spi.TrackerProvider;
import org.vaelab.api.track.RunRecord;
import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;

/**
 * The {@code "mlflow-server"} tracker: runs on an MLflow tracking server over its REST API. Chosen by
 * {@code --tracking-uri http://…} or {@code MLFLOW_TRACKING_URI}.
 */
public final class ServerProvider implements TrackerProvider<ServerConfig> {
  @Override public String id() { return "mlflow-server"; }

  @Override public String description() { return "MLflow tracking server (REST; credentials from MLFLOW_TRACKING_*)"; }

  @Override public Class<ServerConfig> configType() { return ServerConfig.class; }

  @Override public ServerConfig defaultConfig() { return new ServerConfig("http://127.0.0.1:5000", 30, 120, 2, 600); }

  @Override
  public Tracker start(ServerConfig c, RunSpec spec) {
    ServerApi api = connect(c);
    String user = System.getProperty("user.name", "unknown");
    String experimentId = Retry.call("finding experiment '" + spec.experiment() + "' on " + c.uri(), c.retryMillis(),
        () -> api.experimentId(spec.experiment()));
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.RUN_NAME, spec.runName());
    tags.put(Tags.USER, user);
    tags.putAll(spec.tags());
    Service.RunInfo info = Retry.call("creating a run on " + c.uri(), c.retryMillis(),
        () -> api.createRun(experimentId, spec.runName(), user, System.currentTimeMillis(), tags));
    ServerRun run = new ServerRun(api, c, experimentId, info.getRunId(), info.getArtifactUri(), System.err);
    try {
      ServerApi.checkArtifactUri(info.getArtifactUri(), c.uri());
    } catch (ConfigException e) {
      run.finish(RunStatus.FAILED);
      throw e;
    }
    return run;
  }

  @Override
  public Tracker open(ServerConfig c, String runId) {
    ServerApi api = connect(c);
    Service.RunInfo info = activeRun(api, c, runId, "--run");
    return new ServerRun(api, c, info.getExperimentId(), runId, info.getArtifactUri(), System.err);
  }

  @Override
  public Tracker openModel(ServerConfig c, String modelId) {
    ServerApi api = connect(c);
    ServerApi.LoggedModelRef m = Retry.call("finding logged model " + modelId + " on " + c.uri(), c.retryMillis(),
        () -> api.loggedModel(modelId)).orElseThrow(() -> new ConfigException("--model: no logged model " + modelId
        + " on " + c.uri()));
    return new LoggedModelRun(m.sourceRunId(), c.uri() + " model " + modelId,
        file -> Retry.call("download of " + file, c.retryMillis(), () -> api.getArtifact(m.artifactUri(), file)));
  }

  @Override
  public Tracker resume(ServerConfig c, String runId) {
    ServerApi api = connect(c);
    Service.RunInfo info = activeRun(api, c, runId, "--resume");
    Retry.run("reopening run " + runId, c.retryMillis(), () -> api.setStatus(runId, RunStatus.RUNNING, null));
    return new ServerRun(api, c, info.getExperimentId(), runId, info.getArtifactUri(), System.err);
  }

  /** The run's info; a missing or deleted run is an error naming {@code option}. */
  private static Service.RunInfo activeRun(ServerApi api, ServerConfig c, String runId, String option) {
    Service.RunInfo info = Retry.call("finding run " + runId + " on " + c.uri(), c.retryMillis(), () -> api.run(runId))
        .orElseThrow(() -> new ConfigException(option + ": no run " + runId + " on " + c.uri())).getInfo();
    if (!"active".equals(info.getLifecycleStage())) {
      throw new ConfigException(option + ": run " + runId + " is deleted on " + c.uri());
    }
    return info;
  }

  @Override
  public List<RunRecord> findRuns(ServerConfig c, String experiment, Map<String, String> tags) {
    try (ServerApi api = connect(c)) {
      return Retry.call("searching runs on " + c.uri(), c.retryMillis(), () -> api.findRuns(experiment, tags));
    }
  }

  @Override
  public Optional<Double> metricAt(ServerConfig c, String runId, String key, long step) {
    try (ServerApi api = connect(c)) {
      return Retry.call("reading " + key + " of run " + runId, c.retryMillis(), () -> api.metricHistory(runId, key))
          .stream().filter(m -> m.getStep() == step).map(m -> m.getValue()).reduce((a, b) -> b);
    }
  }

  private static ServerApi connect(ServerConfig c) {
    return new ServerApi(ServerCredentials.fromEnvironment(c.uri(), System.getenv()), c.timeoutMillis());
  }
}
