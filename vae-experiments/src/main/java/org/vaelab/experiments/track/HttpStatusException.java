package org.vaelab.experiments.track;

/** An artifact request answered with an error status. */
final class HttpStatusException extends RuntimeException {
  private final int status;

  HttpStatusException(int status, String message) {
    super("HTTP " + status + " " + message);
    this.status = status;
  }

  int status() { return status; }
}
