package org.vaelab.experiments.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;

/**
 * Samples process CPU, heap and resident memory every few seconds as {@code system/…} metrics, and
 * sets the {@code vaelab.heartbeat} tag (epoch milliseconds) so others can tell a live run from a dead one.
 * Their step is the wall clock in epoch milliseconds, so a resumed run (a new process) never logs a
 * step twice.
 */
final class SystemMetrics implements AutoCloseable {
  static final long INTERVAL_SECONDS = 10;

  private final Tracker tracker;
  private final ScheduledExecutorService timer;
  private long step = -1;

  private SystemMetrics(Tracker tracker) {
    this.tracker = tracker;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "system-metrics");
      t.setDaemon(true);
      return t;
    });
  }

  static SystemMetrics start(Tracker tracker) {
    SystemMetrics m = new SystemMetrics(tracker);
    m.timer.scheduleAtFixedRate(m::sample, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    return m;
  }

  private synchronized void sample() {
    long now = System.currentTimeMillis();
    tracker.setTag(Tags.HEARTBEAT, String.valueOf(now));
    step = Math.max(step + 1, now);
    Runtime rt = Runtime.getRuntime();
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getProcessCpuLoad();
      if (load >= 0) tracker.logMetric("system/cpu_utilization_percentage", 100 * load, step);
    }
    tracker.logMetric("system/heap_used_megabytes", (rt.totalMemory() - rt.freeMemory()) / 1048576.0, step);
    long rss = residentKilobytes();
    if (rss > 0) tracker.logMetric("system/rss_megabytes", rss / 1024.0, step);
  }

  /** VmRSS from /proc (Linux), or -1. */
  static long residentKilobytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Stops sampling after one last sample; later calls do nothing. */
  @Override
  public synchronized void close() {
    if (timer.isShutdown()) return;
    timer.shutdownNow();
    sample();
  }
}
