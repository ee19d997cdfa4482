package org.vaelab.experiments.train;

import java.io.PrintStream;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM during training: the first asks the training loop to stop after the
 * current step, write a checkpoint and end the run as KILLED; a second quits at once. Outside the
 * training loop (loading data, the final evaluation) the first signal exits as before: shutdown
 * hooks still end the run as KILLED.
 */
public final class StopRequest {
  /** The exit code of a run stopped by a signal (128 + SIGINT). */
  public static final int EXIT_CODE = 130;
  private static volatile boolean requested;
  private static volatile boolean polled;
  private static volatile boolean exiting;
  private static volatile PrintStream console = System.err;
  private static boolean installed;

  private StopRequest() {}

  /** Installs the handlers once per process; where the JVM refuses them, signals keep their default. */
  public static synchronized void install(PrintStream out) {
    console = out;
    if (installed) return;
    installed = true;
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), s -> onSignal());
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // e.g. the JVM runs with -Xrs: the default behaviour (exit, shutdown hooks) stays
      }
    }
  }

  private static void onSignal() {
    if (requested || exiting) Runtime.getRuntime().halt(EXIT_CODE);  // the second signal: now
    if (!polled) {
      exiting = true;
      System.exit(EXIT_CODE);  // runs the shutdown hooks, which end the run as KILLED
    }
    requested = true;
    console.println("stopping after this step: writing a checkpoint (press Ctrl-C again to quit at once)");
  }

  /** Marks the start and end of the training loop, where a first signal is answered by a checkpoint. */
  static void polling(boolean on) { polled = on; }

  static boolean requested() { return requested; }
}
