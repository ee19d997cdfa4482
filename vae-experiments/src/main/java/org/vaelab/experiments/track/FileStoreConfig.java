package org.vaelab.experiments.track;

/**
 * Config of the {@code "mlflow-file"} tracker.
 *
 * @param dir root of the MLflow file store (what {@code mlflow ui --backend-store-uri} is given)
 */
public record FileStoreConfig(String dir) {
  public FileStoreConfig {
    if (dir == null || dir.isBlank()) throw new IllegalArgumentException("dir must not be empty, was '" + dir + "'");
  }
}
