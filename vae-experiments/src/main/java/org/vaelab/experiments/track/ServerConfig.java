package org.vaelab.experiments.track;

import java.net.URI;

/**
 * Config of the {@code "mlflow-server"} tracker. Credentials come from the environment only
 * ({@code MLFLOW_TRACKING_USERNAME}/{@code _PASSWORD} or {@code MLFLOW_TRACKING_TOKEN}).
 *
 * @param uri               the server, {@code http://host:port} or {@code https://…}
 * @param timeoutSeconds    connect and read timeout of each request
 * @param retrySeconds      how long a call that training waits for (creating the run, reading a
 *                          checkpoint) keeps retrying an unavailable server
 * @param flushSeconds      how often buffered metrics are sent
 * @param finishWaitSeconds how long the end of a run waits for the server to take what is still buffered
 */
public record ServerConfig(String uri, double timeoutSeconds, double retrySeconds, double flushSeconds,
    double finishWaitSeconds) {
  public ServerConfig {
    if (uri == null || !(uri.startsWith("http://") || uri.startsWith("https://"))) {
      throw new IllegalArgumentException("uri must start with http:// or https://, was '" + redacted(uri) + "'");
    }
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("uri is not a valid URI: '" + redacted(uri) + "'");
    }
    if (parsed.getRawUserInfo() != null) {
      throw new IllegalArgumentException("uri must not contain credentials; set MLFLOW_TRACKING_USERNAME and "
          + "MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN");
    }
    if (parsed.getHost() == null) throw new IllegalArgumentException("uri has no host: '" + uri + "'");
    uri = uri.replaceAll("/+$", "");
    positive("timeoutSeconds", timeoutSeconds);
    positive("retrySeconds", retrySeconds);
    positive("flushSeconds", flushSeconds);
    positive("finishWaitSeconds", finishWaitSeconds);
  }

  private static void positive(String field, double v) {
    if (!(v > 0 && v <= 86_400)) throw new IllegalArgumentException(field + " must be in (0, 86400] seconds, was " + v);
  }

  /** {@code uri} with anything before an '@' hidden, for error messages. */
  static String redacted(String uri) {
    return uri == null ? null : uri.replaceAll("//[^/@]*@", "//***@");
  }

  long timeoutMillis() { return Math.round(timeoutSeconds * 1000); }

  long retryMillis() { return Math.round(retrySeconds * 1000); }

  long flushMillis() { return Math.round(flushSeconds * 1000); }

  long finishWaitMillis() { return Math.round(finishWaitSeconds * 1000); }
}
