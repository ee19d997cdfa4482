package org.vaelab.experiments.train;

/** A run stopped by Ctrl-C or SIGTERM after writing its checkpoint; it ended as KILLED and can be resumed. */
public final class RunStopped extends RuntimeException {
  RunStopped(String message) {
    super(message);
  }
}
