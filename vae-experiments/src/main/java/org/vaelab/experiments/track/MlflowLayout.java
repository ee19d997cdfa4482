package org.vaelab.experiments.track;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.vaelab.api.track.Tags;

/**
 * Pieces of MLflow's own file-store layout that vaelab writes as MLflow does (mlflow/store/tracking/
 * file_store.py of MLflow 3.17): experiment tags, and dataset inputs read back as
 * {@code run.inputs.dataset_inputs}.
 */
final class MlflowLayout {
  static final String TRAINING_KIND = "custom_model_development";

  private MlflowLayout() {}

  /** Tags {@code experimentDir} as a training experiment unless it already says what kind it is. */
  static void markTraining(Path experimentDir) {
    Path tag = experimentDir.resolve("tags").resolve(Tags.EXPERIMENT_KIND);
    if (!Files.exists(tag)) AtomicFiles.write(tag, TRAINING_KIND);
  }

  /** Records a dataset in its experiment and as an input of {@code runDir} (the run's directory), in {@code context}. */
  static void logDatasetInput(Path runDir, String runId, String name, String digest, String source, String context) {
    Path experimentDir = runDir.getParent();
    String datasetId = md5(name, digest);
    Path dataset = experimentDir.resolve("datasets").resolve(datasetId).resolve("meta.yaml");
    if (!Files.exists(dataset)) {
      AtomicFiles.write(dataset, "digest: " + RunMeta.quote(digest) + "\n"
          + "name: " + RunMeta.quote(name) + "\n"
          + "profile: null\n"
          + "schema: null\n"
          + "source: " + RunMeta.quote("{\"uri\": " + Json.str(source) + "}") + "\n"
          + "source_type: local\n");
    }
    Path input = runDir.resolve("inputs").resolve(md5(datasetId, runId)).resolve("meta.yaml");
    AtomicFiles.write(input, "destination_id: " + RunMeta.quote(runId) + "\n"
        + "destination_type: RUN\n"
        + "source_id: " + RunMeta.quote(datasetId) + "\n"
        + "source_type: DATASET\n"
        + "tags:\n"
        + "  " + Tags.DATA_CONTEXT + ": " + RunMeta.quote(context) + "\n");
  }

  /**
   * Writes a logged model into the run's experiment ({@code models/<id>/}: meta.yaml, params,
   * tags, metrics, artifacts) and the run's output link to it, as MLflow's file store does; returns the id.
   */
  static String logModel(Path runDir, String runId, String name, java.util.Map<String, String> params,
      java.util.Map<String, String> tags, java.util.Map<String, byte[]> files, java.util.Map<String, Double> metrics,
      long step) {
    Path experimentDir = runDir.getParent();
    String id = "m-" + java.util.UUID.randomUUID().toString().replace("-", "");
    Path dir = experimentDir.resolve("models").resolve(id);
    long now = System.currentTimeMillis();
    files.forEach((path, bytes) -> AtomicFiles.write(FileStoreRun.safe(dir.resolve("artifacts"), path), bytes));
    params.forEach((k, v) -> AtomicFiles.write(FileStoreRun.safe(dir.resolve("params"), k), v));
    tags.forEach((k, v) -> AtomicFiles.write(FileStoreRun.safe(dir.resolve("tags"), k), v));
    metrics.forEach((k, v) -> AtomicFiles.append(FileStoreRun.safe(dir.resolve("metrics"), k),
        now + " " + v + " " + step + " " + runId + "\n"));
    AtomicFiles.write(dir.resolve("meta.yaml"), "artifact_location: " + dir.resolve("artifacts").toUri() + "\n"
        + "creation_timestamp: " + now + "\n"
        + "experiment_id: " + RunMeta.quote(experimentDir.getFileName().toString()) + "\n"
        + "last_updated_timestamp: " + now + "\n"
        + "lifecycle_stage: active\n"
        + "model_id: " + id + "\n"
        + "model_type: vaelab\n"
        + "name: " + RunMeta.quote(name) + "\n"
        + "source_run_id: " + runId + "\n"
        + "status: 2\n"  // READY
        + "status_message: null\n");
    AtomicFiles.write(runDir.resolve("outputs").resolve(id).resolve("meta.yaml"), "destination_id: " + id + "\n"
        + "destination_type: MODEL_OUTPUT\n"
        + "source_id: " + id + "\n"
        + "source_type: RUN_OUTPUT\n"
        + "step: " + step + "\n"
        + "tags: {}\n");
    return id;
  }

  /** MLflow's ids: the MD5 of the two strings' UTF-8 bytes, concatenated, in hex. */
  static String md5(String a, String b) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      md.update(a.getBytes(StandardCharsets.UTF_8));
      md.update(b.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte x : md.digest()) hex.append(String.format("%02x", x));
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
