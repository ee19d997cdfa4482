package org.vaelab.experiments.track;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.mlflow.api.proto.Service;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;

/**
 * {@code vae push}: replays runs of a local file store into an MLflow server, with their params,
 * tags, metric histories (original steps and timestamps), dataset, artifacts and status; child runs
 * point to their pushed parent. The server run id is recorded in the local run (tag
 * {@code vaelab.pushed.<server hash>}), so pushing again does not make a duplicate.
 */
public final class Pusher implements AutoCloseable {
  /** What happened to one local run. */
  public record Outcome(LocalRun run, String serverRunId, boolean alreadyPushed) {}

  private final ServerConfig target;
  private final ServerApi api;
  private final Map<String, String> pushedIds = new HashMap<>();

  public Pusher(ServerConfig target) {
    this.target = target;
    this.api = new ServerApi(ServerCredentials.fromEnvironment(target.uri(), System.getenv()), target.timeoutMillis());
  }

  /** Pushes {@code runs}; parents missing from the list are looked up in {@code store} and pushed first. */
  public List<Outcome> push(List<LocalRun> runs, List<LocalRun> store, PrintStream out) {
    Map<String, LocalRun> byId = new HashMap<>();
    store.forEach(r -> byId.put(r.runId(), r));
    List<Outcome> outcomes = new ArrayList<>();
    for (LocalRun r : runs) outcomes.add(pushWithParents(r, byId, outcomes, out));
    return outcomes;
  }

  private Outcome pushWithParents(LocalRun r, Map<String, LocalRun> byId, List<Outcome> done, PrintStream out) {
    for (Outcome o : done) if (o.run().runId().equals(r.runId())) return o;
    String parent = r.tags().get(Tags.PARENT_RUN);
    if (parent != null && !pushedIds.containsKey(parent) && byId.containsKey(parent)) {
      done.add(pushWithParents(byId.get(parent), byId, done, out));
    }
    Outcome o = pushOne(r);
    pushedIds.put(r.runId(), o.serverRunId());
    out.println((o.alreadyPushed() ? "already pushed: " : "pushed: ") + r.experiment() + "/" + r.runName() + " "
        + r.runId() + " -> " + target.uri() + " run " + o.serverRunId());
    return o;
  }

  private Outcome pushOne(LocalRun r) {
    Map<String, String> tags = r.tags();
    String mark = markKey();
    if (tags.containsKey(mark)) {
      String serverId = tags.get(mark).substring(tags.get(mark).lastIndexOf(' ') + 1);
      boolean there = call("looking up run " + serverId, () -> api.run(serverId))
          .map(run -> "active".equals(run.getInfo().getLifecycleStage())).orElse(false);
      if (there) return new Outcome(r, serverId, true);
    }
    String experimentId = call("finding experiment '" + r.experiment() + "'", () -> api.experimentId(r.experiment()));
    Service.RunInfo info = call("creating a run", () -> api.createRun(experimentId, r.runName(), r.user(),
        r.startTime(), Map.of(Tags.RUN_NAME, r.runName())));
    String id = info.getRunId();
    try {
      send(r, id, info.getArtifactUri(), tags);
      sendModels(r, experimentId, id);
      r.experimentTags().forEach((k, v) -> {
        if (k.startsWith(Tags.EXPERIMENT_PREFIX)) call("tagging the experiment", () -> {
          api.setExperimentTag(experimentId, k, v);
          return null;
        });
      });
    } catch (RuntimeException e) {
      try {
        api.deleteRun(id);  // leave no half-pushed run behind
      } catch (RuntimeException ignored) {
        // the server is gone; the partial run is marked deleted next time it can be
      }
      throw e;
    }
    AtomicFiles.write(FileStoreRun.safe(r.dir().resolve("tags"), mark), target.uri() + " " + id);
    return new Outcome(r, id, false);
  }

  private void send(LocalRun r, String id, String artifactUri, Map<String, String> localTags) {
    ServerApi.checkArtifactUri(artifactUri, target.uri());
    Map<String, String> tags = new LinkedHashMap<>();
    localTags.forEach((k, v) -> {
      if (!k.startsWith(Tags.PUSHED_PREFIX)) tags.put(k, v);
    });
    if (tags.containsKey(Tags.PARENT_RUN)) {
      String parent = pushedIds.get(tags.get(Tags.PARENT_RUN));
      if (parent != null) tags.put(Tags.PARENT_RUN, parent); else tags.remove(Tags.PARENT_RUN);
    }
    tags.put(Tags.PUSHED_FROM, r.runId());
    List<Service.Param> params = new ArrayList<>();
    r.params().forEach((k, v) -> params.add(Service.Param.newBuilder().setKey(k)
        .setValue(v.length() > ServerRun.MAX_PARAM_LENGTH ? v.substring(0, ServerRun.MAX_PARAM_LENGTH) : v).build()));
    List<Service.RunTag> tagList = new ArrayList<>();
    tags.forEach((k, v) -> tagList.add(Service.RunTag.newBuilder().setKey(k)
        .setValue(v.length() > ServerRun.MAX_TAG_LENGTH ? v.substring(0, ServerRun.MAX_TAG_LENGTH) : v).build()));
    for (int i = 0; i < params.size(); i += Outbox.MAX_PARAMS) {
      List<Service.Param> chunk = params.subList(i, Math.min(params.size(), i + Outbox.MAX_PARAMS));
      call("sending params", () -> { api.logBatch(id, List.of(), chunk, List.of()); return null; });
    }
    for (int i = 0; i < tagList.size(); i += Outbox.MAX_TAGS) {
      List<Service.RunTag> chunk = tagList.subList(i, Math.min(tagList.size(), i + Outbox.MAX_TAGS));
      call("sending tags", () -> { api.logBatch(id, List.of(), List.of(), chunk); return null; });
    }
    List<Service.Metric> metrics = new ArrayList<>();
    r.metrics().forEach((key, points) -> points.forEach(p -> metrics.add(Service.Metric.newBuilder().setKey(key)
        .setValue(p.value()).setTimestamp(p.timestamp()).setStep(p.step()).build())));
    for (int i = 0; i < metrics.size(); i += Outbox.MAX_ENTITIES) {
      List<Service.Metric> chunk = metrics.subList(i, Math.min(metrics.size(), i + Outbox.MAX_ENTITIES));
      call("sending metrics", () -> { api.logBatch(id, chunk, List.of(), List.of()); return null; });
    }
    List<LocalRun.DatasetInput> inputs = r.datasetInputs();
    if (inputs.isEmpty() && tags.containsKey(Tags.DATASET_NAME) && tags.containsKey(Tags.DATASET_DIGEST)) {
      inputs = List.of(new LocalRun.DatasetInput(tags.get(Tags.DATASET_NAME), tags.get(Tags.DATASET_DIGEST),
          tags.getOrDefault(Tags.DATASET_SOURCE, ""), "train"));  // a run from before dataset inputs
    }
    for (LocalRun.DatasetInput d : inputs) {
      call("sending the " + d.context() + " dataset", () -> {
        api.logDataset(id, d.name(), d.digest(), d.source(), d.context());
        return null;
      });
    }
    for (String path : r.artifacts()) {
      byte[] content = r.artifact(path);
      call("uploading " + path, () -> { api.putArtifact(artifactUri, path, content); return null; });
    }
    Long end = r.endTime();
    call("setting the status", () -> { api.setStatus(id, r.status(), end); return null; });
  }

  /** The run's logged models, created anew on the server with their files, params, tags and metrics. */
  private void sendModels(LocalRun r, String experimentId, String id) {
    for (LocalRun.LoggedModel m : r.loggedModels()) {
      LoggedModelUpload.send(api, target.retryMillis(), experimentId, id, m.name(), m.params(), m.tags(), m.files(),
          m.metrics(), m.step());
    }
  }

  /** The local tag that records the run's id on this server. */
  String markKey() {
    CRC32C crc = new CRC32C();
    crc.update(target.uri().getBytes(StandardCharsets.UTF_8));
    return String.format("vaelab.pushed.%08x", crc.getValue());
  }

  private <T> T call(String what, java.util.function.Supplier<T> op) {
    return Retry.call(what + " on " + target.uri(), target.retryMillis(), op);
  }

  @Override
  public void close() {
    api.close();
  }
}
