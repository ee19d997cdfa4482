package org.vaelab.experiments.track;

/** A call to the MLflow server failed for good (rejected, or unavailable for longer than allowed). */
public final class ServerException extends RuntimeException {
  ServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
