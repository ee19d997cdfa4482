package org.vaelab.experiments.track;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Credentials for an MLflow server, from {@code MLFLOW_TRACKING_USERNAME}/{@code _PASSWORD} (basic)
 * or {@code MLFLOW_TRACKING_TOKEN} (bearer). They are never part of a config, and {@link #toString()}
 * hides them.
 */
final class ServerCredentials {
  private final String host;
  private final String username;
  private final String password;
  private final String token;

  private ServerCredentials(String host, String username, String password, String token) {
    this.host = host;
    this.username = username;
    this.password = password;
    this.token = token;
  }

  static ServerCredentials fromEnvironment(String host, Map<String, String> env) {
    String user = blankToNull(env.get("MLFLOW_TRACKING_USERNAME"));
    String password = blankToNull(env.get("MLFLOW_TRACKING_PASSWORD"));
    if ((user == null) != (password == null)) {
      throw new org.vaelab.api.config.ConfigException(
          "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD: set both or neither");
    }
    return new ServerCredentials(host, user, password, blankToNull(env.get("MLFLOW_TRACKING_TOKEN")));
  }

  String host() { return host; }

  /** The value of the {@code Authorization} header, if any. */
  Optional<String> authorization() {
    if (username != null) {
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(
          (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return token == null ? Optional.empty() : Optional.of("Bearer " + token);
  }

  BasicMlflowHostCreds hostCreds() {
    return new BasicMlflowHostCreds(host, username, password, token, false);
  }

  @Override
  public String toString() {
    return host + (username != null ? " (basic auth)" : token != null ? " (token)" : "");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
