package org.vaelab.experiments.sweep;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.spi.TrackerProvider;
import org.vaelab.api.track.LoggedImages;
import org.vaelab.api.track.RunRecord;
import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.RunStatus;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.model.Checkpoint;
import org.vaelab.experiments.model.Plugins;
import org.vaelab.experiments.train.EpochCheck;
import org.vaelab.experiments.train.Experiment;
import org.vaelab.experiments.train.RunSummary;

/**
 * A sweep's runs in the tracker: one parent run (tags {@code sweep.id}, {@code sweep.hash}) and one
 * child run per trial (tags {@code mlflow.parentRunId}, {@code sweep.id}, {@code trial.index},
 * {@code trial.id}, {@code config_id}). The tracker is the only record of what is done, so any
 * worker can ask it.
 */
public final class SweepRuns {
  public static final String NOT_SET = "n/a";

  /** Where a trial stands, from the tracker. */
  public enum TrialState {
    /** It has a FINISHED run. */
    FINISHED,
    /** A run of it is RUNNING with a fresh heartbeat: somebody is on it. */
    RUNNING,
    /** Never run, or failed / died with attempts left: run (or resume) it. */
    TO_RUN,
    /** Failed {@code 1 + max_retries} times: given up. */
    EXHAUSTED
  }

  private final SweepSpec spec;
  private final List<Trial> trials;
  private final ConfigLoader loader;
  private final PluginChoice tracker;
  private final String experiment;

  public SweepRuns(SweepSpec spec, List<Trial> trials, ConfigLoader loader) {
    if (trials.isEmpty()) throw new ConfigException("sweep " + spec.name() + ": the plan has no trials");
    this.spec = spec;
    this.trials = trials;
    this.loader = loader;
    this.tracker = trials.get(0).config().tracker();
    this.experiment = trials.get(0).config().experiment();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<RunRecord> find(Map<String, String> tags) {
    return ((TrackerProvider) tracker.provider()).findRuns(tracker.config(), experiment, tags);
  }

  /** The parent run of this sweep, if one was started. */
  public Optional<RunRecord> parent() {
    return find(Map.of(Tags.SWEEP_ID, spec.name(), Tags.SWEEP_ROLE, "parent")).stream().findFirst();
  }

  /**
   * The parent run's id: the existing one (refusing a changed sweep file unless {@code force}) or a
   * new one, with the sweep file as an artifact.
   */
  public String startParent(boolean force) {
    Optional<RunRecord> existing = parent();
    if (existing.isPresent()) {
      String was = existing.get().tags().get(Tags.SWEEP_HASH);
      if (!spec.hash().equals(was) && !force) {
        throw new ConfigException("sweep " + spec.name() + " was started from a different file (hash " + was + ", now "
            + spec.hash() + "); pass --force to continue it with this file");
      }
      return existing.get().runId();
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.SWEEP_ID, spec.name());
    tags.put(Tags.SWEEP_HASH, spec.hash());
    tags.put(Tags.SWEEP_ROLE, "parent");
    tags.put(Tags.NOTE, "Sweep " + spec.name() + ": " + spec.method() + ", " + trials.size()
        + " trials, best by " + (spec.maximize() ? "max " : "min ") + spec.metric());
    try (Tracker parent = Plugins.startRun(tracker, new RunSpec(experiment, spec.name(), tags))) {
      parent.logArtifact("sweep.yaml", spec.text().getBytes(StandardCharsets.UTF_8));
      return parent.runId();
    }
  }

  /** A finished run of trial {@code t}, if there is one. */
  public Optional<RunRecord> finished(Trial t) {
    return find(Map.of(Tags.SWEEP_ID, spec.name(), Tags.TRIAL_ID, t.trialId())).stream()
        .filter(r -> r.status() == RunStatus.FINISHED).findFirst();
  }

  /** The trial's state; {@code now} in epoch milliseconds. */
  public TrialState state(Trial t, long now) {
    return stateOf(find(Map.of(Tags.SWEEP_ID, spec.name(), Tags.TRIAL_ID, t.trialId())), now);
  }

  /** Every trial's state, in plan order, from one query of the tracker. */
  public Map<Trial, TrialState> states(long now) {
    Map<String, List<RunRecord>> byTrial = childrenByTrial();
    Map<Trial, TrialState> out = new LinkedHashMap<>();
    for (Trial t : trials) out.put(t, stateOf(byTrial.getOrDefault(t.trialId(), List.of()), now));
    return out;
  }

  private Map<String, List<RunRecord>> childrenByTrial() {
    return find(Map.of(Tags.SWEEP_ID, spec.name(), Tags.SWEEP_ROLE, "trial")).stream()
        .collect(Collectors.groupingBy(r -> r.tags().getOrDefault(Tags.TRIAL_ID, "")));
  }

  private TrialState stateOf(List<RunRecord> runs, long now) {
    if (runs.stream().anyMatch(r -> r.status() == RunStatus.FINISHED)) return TrialState.FINISHED;
    long timeout = spec.heartbeatTimeoutSeconds() * 1000L;
    if (runs.stream().anyMatch(r -> r.status() == RunStatus.RUNNING && now - heartbeat(r) < timeout)) return TrialState.RUNNING;
    int attempts = runs.stream().mapToInt(SweepRuns::attempts).sum();
    return attempts >= 1 + spec.maxRetries() ? TrialState.EXHAUSTED : TrialState.TO_RUN;
  }

  private static long heartbeat(RunRecord r) {
    try {
      return Long.parseLong(r.tags().getOrDefault(Tags.HEARTBEAT, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int attempts(RunRecord r) {
    try {
      return Integer.parseInt(r.tags().getOrDefault(Tags.ATTEMPTS, "1"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Runs trial {@code t} as a child of {@code parentId}, continuing an interrupted run of it from its checkpoint. */
  public RunSummary runTrial(Trial t, String parentId, Experiment.Console console) {
    Optional<RunRecord> interrupted = find(Map.of(Tags.SWEEP_ID, spec.name(), Tags.TRIAL_ID, t.trialId())).stream()
        .filter(r -> r.status() != RunStatus.FINISHED).findFirst();
    if (interrupted.isPresent()) {
      RunRecord old = interrupted.get();
      boolean resumable;
      try (Tracker again = Plugins.resumeRun(tracker, old.runId())) {
        resumable = again.readArtifact(Checkpoint.STATE).isPresent();
        if (resumable) {
          again.setTag(Tags.ATTEMPTS, String.valueOf(attempts(old) + 1));
        } else {
          again.finish(old.status() == RunStatus.RUNNING ? RunStatus.FAILED : old.status());  // as it was
        }
      }
      if (resumable) return Experiment.resume(loader, tracker, old.runId(), List.of(), console);
      console.out().println("trial " + t.index() + ": run " + old.runId() + " has no checkpoint; starting it again");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(Tags.PARENT_RUN, parentId);
    tags.put(Tags.SWEEP_ID, spec.name());
    tags.put(Tags.SWEEP_ROLE, "trial");
    tags.put(Tags.TRIAL_INDEX, String.valueOf(t.index()));
    tags.put(Tags.TRIAL_ID, t.trialId());
    tags.put(Tags.CONFIG_ID, t.configId());
    tags.put(Tags.ATTEMPTS, "1");
    Map<String, String> missing = new LinkedHashMap<>();
    Map<String, String> own = t.config().toParams();
    for (String key : allParamKeys()) if (!own.containsKey(key)) missing.put(key, NOT_SET);
    return Experiment.train(t.config(), console, tags, missing, spec.pruneMinEpochs() > 0 ? medianRule(t) : EpochCheck.NEVER);
  }

  /**
   * Median stopping: from {@code min_epochs} on, a trial whose metric is worse than the median of its
   * finished siblings' values at the same step stops (tagged pruned, status FINISHED); at least two
   * siblings must have reached that step.
   */
  private EpochCheck medianRule(Trial t) {
    return (epoch, step, test) -> {
      Double own = test.get(spec.metric());
      if (epoch < spec.pruneMinEpochs() || own == null) return Optional.empty();
      List<Double> siblings = new ArrayList<>();
      for (RunRecord r : find(Map.of(Tags.SWEEP_ID, spec.name(), Tags.SWEEP_ROLE, "trial"))) {
        if (r.status() != RunStatus.FINISHED || t.trialId().equals(r.tags().get(Tags.TRIAL_ID))) continue;
        metricAt(r.runId(), step).ifPresent(siblings::add);
      }
      if (siblings.size() < 2) return Optional.empty();  // a median of one is noise
      Collections.sort(siblings);
      int n = siblings.size();
      double median = n % 2 == 1 ? siblings.get(n / 2) : (siblings.get(n / 2 - 1) + siblings.get(n / 2)) / 2;
      boolean worse = spec.maximize() ? own < median : own > median;
      return worse ? Optional.of(String.format(Locale.ROOT, "%s %.4f at step %d is worse than the median %.4f of %d"
          + " finished trials", spec.metric(), own, step, median, n)) : Optional.empty();
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Optional<Double> metricAt(String runId, long step) {
    return ((TrackerProvider) tracker.provider()).metricAt(tracker.config(), runId, spec.metric(), step);
  }

  /** Every param key any trial has, so all children carry the same keys. */
  private TreeSet<String> allParamKeys() {
    TreeSet<String> keys = new TreeSet<>();
    for (Trial t : trials) keys.addAll(t.config().toParams().keySet());
    return keys;
  }

  /** Each finished trial's swept values and final metric. */
  private List<SweepSummary.Point> summaryPoints(List<RunRecord> children) {
    Map<String, Trial> byIndex = new java.util.HashMap<>();
    for (Trial t : trials) byIndex.put(Integer.toString(t.index()), t);
    List<SweepSummary.Point> out = new ArrayList<>();
    for (RunRecord r : children) {
      Trial t = byIndex.get(r.tags().get(Tags.TRIAL_INDEX));
      Double v = r.lastMetrics().get(spec.metric());
      if (t != null && v != null && r.status() == RunStatus.FINISHED && Double.isFinite(v)) {
        out.add(new SweepSummary.Point(t.overrides(), v));
      }
    }
    return out;
  }

  /**
   * Records the best finished trial by the sweep's metric on the parent and ends it: FINISHED when
   * every trial finished, FAILED otherwise. Returns the best run, if any.
   */
  public Optional<RunRecord> finishParent(String parentId) {
    List<RunRecord> children = find(Map.of(Tags.SWEEP_ID, spec.name(), Tags.SWEEP_ROLE, "trial"));
    Optional<RunRecord> best = children.stream().filter(r -> r.status() == RunStatus.FINISHED)
        .filter(r -> r.lastMetrics().containsKey(spec.metric()))
        .max((a, b) -> (spec.maximize() ? 1 : -1) * Double.compare(a.lastMetrics().get(spec.metric()),
            b.lastMetrics().get(spec.metric())));
    long done = states(System.currentTimeMillis()).values().stream().filter(st -> st == TrialState.FINISHED).count();
    try (Tracker parent = Plugins.resumeRun(tracker, parentId)) {
      best.ifPresent(b -> {
        parent.setTag(Tags.SWEEP_BEST_RUN, b.runId());
        parent.setTag(Tags.SWEEP_BEST_TRIAL, b.tags().getOrDefault(Tags.TRIAL_INDEX, "?"));
        parent.logMetric("best/" + spec.metric(), b.lastMetrics().get(spec.metric()), 0);
      });
      parent.logMetric("sweep/trials_finished", done, 0);
      parent.setExperimentTag(Tags.PRIMARY_METRIC, spec.metric());
      List<SweepSummary.Point> points = summaryPoints(children);
      if (!points.isEmpty() && !spec.parameters().isEmpty()) {
        LoggedImages.log(parent, "sweep/summary", 0, SweepSummary.png(spec.metric(), spec.parameters(), points));
      }
      parent.finish(done == trials.size() ? RunStatus.FINISHED : RunStatus.FAILED);
    }
    return best;
  }
}
