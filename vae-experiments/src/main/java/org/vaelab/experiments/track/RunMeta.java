package org.vaelab.experiments.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.vaelab.api.track.RunStatus;
import org.vaelab.experiments.config.Yaml;

/** The fields of a run's {@code meta.yaml} in MLflow's file store that vaelab writes and reads. */
record RunMeta(String runId, String runName, String experimentId, String artifactUri, String user, long startTime) {
  void write(Path runDir, RunStatus status, Long endTime) {
    String yaml = "artifact_uri: " + artifactUri + "\n"
        + "end_time: " + (endTime == null ? "null" : endTime) + "\n"
        + "entry_point_name: ''\n"
        + "experiment_id: '" + experimentId + "'\n"
        + "lifecycle_stage: active\n"
        + "run_id: " + runId + "\n"
        + "run_name: " + quote(runName) + "\n"
        + "run_uuid: " + runId + "\n"
        + "source_name: ''\n"
        + "source_type: 4\n"
        + "source_version: ''\n"
        + "start_time: " + startTime + "\n"
        + "status: " + status.code + "\n"
        + "tags: []\n"
        + "user_id: " + quote(user) + "\n";
    AtomicFiles.write(runDir.resolve("meta.yaml"), yaml);
  }

  static RunMeta read(Path runDir) {
    Map<String, Object> m;
    try {
      m = Yaml.parseMap(Files.readString(runDir.resolve("meta.yaml")), runDir.resolve("meta.yaml").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RunMeta(String.valueOf(m.get("run_id")), String.valueOf(m.get("run_name")),
        String.valueOf(m.get("experiment_id")), String.valueOf(m.get("artifact_uri")), String.valueOf(m.get("user_id")),
        ((Number) m.get("start_time")).longValue());
  }

  /** A YAML single-quoted string. */
  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
