package org.vaelab.experiments.train;

import java.io.PrintStream;
import java.util.Locale;

/** A live progress line on a terminal (stderr), and one summary line per epoch (stdout). */
final class Progress {
  private final PrintStream out;
  private final PrintStream live;
  private long lastDraw;

  Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.live = terminal ? System.err : null;
  }

  void step(int epoch, int epochs, long stepInEpoch, long stepsPerEpoch, double elbo, double samplesPerSec) {
    if (live == null) return;
    long now = System.nanoTime();
    if (now - lastDraw < 200_000_000L && stepInEpoch < stepsPerEpoch) return;
    lastDraw = now;
    int width = 24;
    int filled = (int) (width * stepInEpoch / Math.max(1, stepsPerEpoch));
    live.printf(Locale.ROOT, "\repoch %d/%d [%s%s] step %d/%d  elbo %.2f  %,.0f samples/s ", epoch, epochs,
        "#".repeat(filled), ".".repeat(width - filled), stepInEpoch, stepsPerEpoch, elbo, samplesPerSec);
    live.flush();
  }

  PrintStream out() { return out; }

  void epoch(String line) {
    if (live != null) live.print("\r\033[K");
    out.println(line);
    out.flush();
  }
}
