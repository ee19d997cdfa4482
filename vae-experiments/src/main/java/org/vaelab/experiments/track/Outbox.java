package org.vaelab.experiments.track;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service;

/**
 * What a server run has logged but not yet sent. A background thread sends it in {@code log-batch}
 * chunks within MLflow's REST limits, then artifacts; while the server is unavailable everything stays
 * queued and is retried with backoff, so training never waits for the network. Metrics carry the time
 * they were logged, so a batch resent after a lost answer does not create duplicates.
 */
final class Outbox {
  static final int MAX_ENTITIES = 1000;
  static final int MAX_PARAMS = 100;
  static final int MAX_TAGS = 100;

  /** A REST call with no batching (log-inputs), run in order with the rest. */
  record Call(String what, Runnable op) {}

  private final ServerApi api;
  private final String runId;
  private final String artifactUri;
  private final long flushMillis;
  private final PrintStream warnings;
  private final ArrayDeque<Service.Param> params = new ArrayDeque<>();
  private final ArrayDeque<Service.RunTag> tags = new ArrayDeque<>();
  private final ArrayDeque<Service.Metric> metrics = new ArrayDeque<>();
  private final ArrayDeque<Call> calls = new ArrayDeque<>();
  private final LinkedHashMap<String, byte[]> artifacts = new LinkedHashMap<>();
  private final List<String> rejected = new ArrayList<>();
  private final Thread worker;
  private boolean stopping;
  private boolean unavailable;
  private long lastSend = System.currentTimeMillis();

  Outbox(ServerApi api, String runId, String artifactUri, long flushMillis, PrintStream warnings) {
    this.api = api;
    this.runId = runId;
    this.artifactUri = artifactUri;
    this.flushMillis = flushMillis;
    this.warnings = warnings;
    this.worker = new Thread(this::work, "mlflow-outbox-" + runId);
    worker.setDaemon(true);
    worker.start();
  }

  synchronized void param(String key, String value) {
    params.add(Service.Param.newBuilder().setKey(key).setValue(value).build());
    notifyAll();
  }

  synchronized void tag(String key, String value) {
    tags.add(Service.RunTag.newBuilder().setKey(key).setValue(value).build());
    notifyAll();
  }

  synchronized void metric(String key, double value, long timestamp, long step) {
    metrics.add(Service.Metric.newBuilder().setKey(key).setValue(value).setTimestamp(timestamp).setStep(step).build());
    if (metrics.size() >= MAX_ENTITIES) notifyAll();
  }

  synchronized void call(Call c) {
    calls.add(c);
    notifyAll();
  }

  /** Queues an artifact; a newer version of the same path replaces one not yet sent. */
  synchronized void artifact(String path, byte[] content) {
    artifacts.remove(path);
    artifacts.put(path, content);
    notifyAll();
  }

  /** The queued content of {@code path}, if it has not been sent yet. */
  synchronized byte[] pendingArtifact(String path) {
    return artifacts.get(path);
  }

  /**
   * Sends what is queued and stops the sender, waiting at most {@code waitMillis}. Returns a
   * description of what could not be delivered (empty if everything was).
   */
  List<String> drain(long waitMillis) {
    synchronized (this) {
      stopping = true;
      notifyAll();
    }
    try {
      worker.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.interrupt();
    synchronized (this) {
      List<String> lost = new ArrayList<>(rejected);
      int pending = params.size() + tags.size() + metrics.size() + calls.size();
      if (pending > 0) lost.add(pending + " params/tags/metrics not sent");
      if (!artifacts.isEmpty()) lost.add("artifacts not sent: " + String.join(", ", artifacts.keySet()));
      return lost;
    }
  }

  private boolean empty() {
    return params.isEmpty() && tags.isEmpty() && metrics.isEmpty() && calls.isEmpty() && artifacts.isEmpty();
  }

  private boolean due() {
    if (empty()) return false;
    return stopping || !params.isEmpty() || !tags.isEmpty() || !calls.isEmpty() || !artifacts.isEmpty()
        || metrics.size() >= MAX_ENTITIES || System.currentTimeMillis() - lastSend >= flushMillis;
  }

  private void work() {
    long backoff = Retry.FIRST_WAIT_MILLIS;
    while (true) {
      Runnable send;
      Runnable done;
      String what;
      synchronized (this) {
        try {
          while (!due()) {
            if (stopping && empty()) return;
            wait(Math.max(1, flushMillis - (System.currentTimeMillis() - lastSend)));
          }
        } catch (InterruptedException e) {
          return;
        }
        if (!calls.isEmpty()) {
          Call c = calls.peek();
          what = c.what();
          send = c.op();
          done = calls::poll;
        } else if (!params.isEmpty() || !tags.isEmpty() || !metrics.isEmpty()) {
          List<Service.Param> p = first(params, MAX_PARAMS);
          List<Service.RunTag> t = first(tags, MAX_TAGS);
          List<Service.Metric> m = first(metrics, MAX_ENTITIES - p.size() - t.size());
          what = "log-batch";
          send = () -> api.logBatch(runId, m, p, t);
          done = () -> {
            removeFirst(params, p.size());
            removeFirst(tags, t.size());
            removeFirst(metrics, m.size());
          };
        } else {
          Map.Entry<String, byte[]> a = artifacts.entrySet().iterator().next();
          what = "upload of " + a.getKey();
          send = () -> api.putArtifact(artifactUri, a.getKey(), a.getValue());
          done = () -> artifacts.remove(a.getKey(), a.getValue());
        }
      }
      try {
        send.run();
        synchronized (this) {
          done.run();
          lastSend = System.currentTimeMillis();
          if (unavailable) warnings.println("vae: MLflow server " + api.host() + " is back; sending what was buffered");
          unavailable = false;
        }
        backoff = Retry.FIRST_WAIT_MILLIS;
      } catch (RuntimeException e) {
        if (!Retry.retryable(e)) {
          synchronized (this) {
            done.run();
            rejected.add(what + " rejected: " + Retry.describe(e));
          }
          warnings.println("vae: MLflow server " + api.host() + " rejected " + what + ": " + Retry.describe(e));
          continue;
        }
        synchronized (this) {
          if (!unavailable) {
            warnings.println("vae: MLflow server " + api.host() + " unavailable (" + Retry.describe(e)
                + "); training goes on and logged data is kept until it is back");
          }
          unavailable = true;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          return;
        }
        backoff = Math.min(Retry.MAX_WAIT_MILLIS, backoff * 2);
      }
    }
  }

  private static <T> List<T> first(ArrayDeque<T> q, int n) {
    List<T> out = new ArrayList<>(Math.min(n, q.size()));
    Iterator<T> it = q.iterator();
    while (out.size() < n && it.hasNext()) out.add(it.next());
    return out;
  }

  private static void removeFirst(ArrayDeque<?> q, int n) {
    for (int i = 0; i < n; i++) q.poll();
  }
}
