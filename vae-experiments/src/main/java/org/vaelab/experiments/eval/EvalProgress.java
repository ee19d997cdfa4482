package org.vaelab.experiments.eval;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for a long evaluation: examples done of the total, time so far and an ETA,
 * printed at most every {@code everyMillis} (the first after that long, so short ones stay quiet).
 * Workers on several threads may report to one instance.
 */
public final class EvalProgress {
  private final PrintStream out;
  private final String what;
  private final long total;
  private final long everyMillis;
  private final long start = System.nanoTime();
  private long done;
  private long lastPrinted;

  EvalProgress(PrintStream out, String what, long total, long everyMillis) {
    this.out = out;
    this.what = what;
    this.total = total;
    this.everyMillis = everyMillis;
  }

  /** Progress of {@code what} over {@code total} examples, printed to {@code out} every 10 s. */
  public static EvalProgress to(PrintStream out, String what, long total) {
    return new EvalProgress(out, what, total, 10_000);
  }

  /** A progress that prints nothing. */
  public static EvalProgress silent() {
    return new EvalProgress(null, "", 1, Long.MAX_VALUE);
  }

  /** Counts {@code examples} more as done, and prints the line if it is time. */
  public synchronized void add(long examples) {
    done += examples;
    if (out == null) return;
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    if (elapsed - lastPrinted < everyMillis || done >= total) return;
    lastPrinted = elapsed;
    out.println(line(elapsed));
  }

  String line(long elapsedMillis) {
    long eta = done == 0 ? 0 : elapsedMillis * (total - done) / done;
    return String.format(Locale.ROOT, "  %s: %,d/%,d examples, %s, eta %s", what, done, total, duration(elapsedMillis),
        duration(eta));
  }

  /** {@code 59s}, {@code 3m05s}, {@code 1h01m}. */
  public static String duration(long millis) {
    long s = millis / 1000;
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
