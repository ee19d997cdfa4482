package org.vaelab.experiments.sweep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.experiments.config.Yaml;

/**
 * A sweep file (W&B-like): a base run config, the swept parameters, the seeds, the method and the
 * metric that picks the best trial.
 *
 * @param name       sweep name (the parent run's name)
 * @param base       the base experiment config file
 * @param method     {@code grid} or {@code random}
 * @param metric     metric that ranks trials, e.g. {@code test/elbo}
 * @param maximize   whether larger is better
 * @param seeds      every configuration runs once per seed
 * @param runCap     configurations drawn by a random sweep
 * @param seed       seed of a random sweep's draws
 * @param maxRetries times a failed trial is retried by resume
 * @param heartbeatTimeoutSeconds a RUNNING trial whose heartbeat is older than this counts as failed
 * @param pruneMinEpochs {@code early_terminate: {type: median, min_epochs: N}}: from epoch N a trial
 *                   worse than the median of its finished siblings at the same step stops; 0 = never
 * @param parameters swept keys, in file order (grid: first key outermost)
 * @param text       the file's text (its hash identifies the sweep)
 */
public record SweepSpec(String name, Path base, String method, String metric, boolean maximize, List<Long> seeds,
    int runCap, long seed, int maxRetries, int heartbeatTimeoutSeconds, int pruneMinEpochs, List<SweepParameter> parameters,
    String text) {
  private static final List<String> KEYS = List.of("name", "base", "method", "metric", "seeds", "run_cap", "seed",
      "max_retries", "heartbeat_timeout", "early_terminate", "parameters");

  /** {@code base} as written, or against the sweep file's directory when relative (as includes are). */
  private static Path resolveBase(String base, String sweepFile) {
    Path b = Path.of(base);
    Path dir = Path.of(sweepFile).toAbsolutePath().getParent();
    return b.isAbsolute() || dir == null ? b : dir.resolve(b).normalize();
  }

  /** Parses and checks a sweep file's text; {@code where} (the file: a relative base is resolved against its directory) prefixes errors. */
  public static SweepSpec parse(String text, String where) {
    Map<String, Object> m = Yaml.parseMap(text, where);
    for (String k : m.keySet()) {
      if (!KEYS.contains(k)) {
        throw new ConfigException(where + ": " + k + ": unknown key; allowed: " + String.join(", ", KEYS)
            + RecordMaps.didYouMean(k, KEYS));
      }
    }
    String name = string(m, "name", null, where);
    String base = string(m, "base", null, where);
    String method = string(m, "method", "grid", where);
    if (!List.of("grid", "random").contains(method)) {
      throw new ConfigException(where + ": method: unknown value '" + method + "'; allowed: grid, random");
    }
    String metric = "test/elbo";
    boolean maximize = true;
    if (m.get("metric") != null) {
      if (!(m.get("metric") instanceof Map<?, ?> mm)) throw new ConfigException(where + ": metric: expected {name: …, goal: …}");
      metric = String.valueOf(mm.get("name") == null ? "test/elbo" : mm.get("name"));
      Object goal = mm.get("goal") == null ? "maximize" : mm.get("goal");
      if (!List.of("maximize", "minimize").contains(String.valueOf(goal))) {
        throw new ConfigException(where + ": metric.goal: unknown value '" + goal + "'; allowed: maximize, minimize");
      }
      maximize = goal.equals("maximize");
    }
    List<Long> seeds = new ArrayList<>();
    Object s = m.get("seeds");
    if (s != null) {
      if (!(s instanceof List<?> l) || l.isEmpty()) throw new ConfigException(where + ": seeds: expected a non-empty list of integers");
      for (Object o : l) {
        if (!(o instanceof Number n) || n.doubleValue() != n.longValue()) {
          throw new ConfigException(where + ": seeds: '" + o + "' is not an integer");
        }
        seeds.add(n.longValue());
      }
    }
    int runCap = integer(m, "run_cap", 0, where);
    if (method.equals("random") && runCap <= 0) {
      throw new ConfigException(where + ": run_cap: required (> 0) for method random, was " + m.get("run_cap"));
    }
    int maxRetries = integer(m, "max_retries", 2, where);
    if (maxRetries < 0) throw new ConfigException(where + ": max_retries must be >= 0, was " + maxRetries);
    int heartbeatTimeout = integer(m, "heartbeat_timeout", 120, where);
    if (heartbeatTimeout < 1) throw new ConfigException(where + ": heartbeat_timeout must be >= 1 second, was " + heartbeatTimeout);
    int pruneMinEpochs = 0;
    if (m.get("early_terminate") != null) {
      if (!(m.get("early_terminate") instanceof Map<?, ?> et) || !"median".equals(et.get("type"))) {
        throw new ConfigException(where + ": early_terminate: expected {type: median, min_epochs: N}, was " + m.get("early_terminate"));
      }
      if (!(et.get("min_epochs") instanceof Integer n) || n < 1) {
        throw new ConfigException(where + ": early_terminate.min_epochs: expected an integer >= 1, was " + et.get("min_epochs"));
      }
      for (Object k : et.keySet()) {
        if (!List.of("type", "min_epochs").contains(String.valueOf(k))) {
          throw new ConfigException(where + ": early_terminate." + k + ": unknown key; allowed: type, min_epochs");
        }
      }
      pruneMinEpochs = (Integer) et.get("min_epochs");
    }
    List<SweepParameter> parameters = parameters(m.get("parameters"), method, where);
    return new SweepSpec(name, resolveBase(base, where), method, metric, maximize, List.copyOf(seeds), runCap,
        integer(m, "seed", 0, where), maxRetries, heartbeatTimeout, pruneMinEpochs, parameters, text);
  }

  private static List<SweepParameter> parameters(Object raw, String method, String where) {
    if (raw == null) return List.of();
    if (!(raw instanceof Map<?, ?> pm)) throw new ConfigException(where + ": parameters: expected a mapping of keys");
    List<SweepParameter> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : pm.entrySet()) {
      String key = String.valueOf(e.getKey());
      String at = where + ": parameters." + key;
      if (!(e.getValue() instanceof Map<?, ?> spec)) {
        throw new ConfigException(at + ": expected {values: [...]} or {distribution: ..., min: ..., max: ...}");
      }
      if (spec.get("values") != null) {
        if (!(spec.get("values") instanceof List<?> vs) || vs.isEmpty()) throw new ConfigException(at + ".values: expected a non-empty list");
        if (spec.size() != 1) throw new ConfigException(at + ": give values or a distribution, not both");
        out.add(new SweepParameter(key, new ArrayList<>(vs), null, 0, 0));
        continue;
      }
      Object dist = spec.get("distribution");
      if (dist == null) throw new ConfigException(at + ": expected values: [...] or distribution: ...");
      if (!SweepParameter.DISTRIBUTIONS.contains(String.valueOf(dist))) {
        throw new ConfigException(at + ".distribution: unknown value '" + dist + "'; allowed: "
            + String.join(", ", SweepParameter.DISTRIBUTIONS));
      }
      if (method.equals("grid")) {
        throw new ConfigException(at + ": a distribution cannot be enumerated by method grid; use values: [...] or method random");
      }
      if (!(spec.get("min") instanceof Number lo) || !(spec.get("max") instanceof Number hi) || !(lo.doubleValue() < hi.doubleValue())) {
        throw new ConfigException(at + ": min and max must be numbers with min < max, was " + spec.get("min") + ", " + spec.get("max"));
      }
      if (dist.equals("log_uniform_values") && !(lo.doubleValue() > 0)) {
        throw new ConfigException(at + ".min must be > 0 for log_uniform_values, was " + lo);
      }
      out.add(new SweepParameter(key, null, String.valueOf(dist), lo.doubleValue(), hi.doubleValue()));
    }
    return List.copyOf(out);
  }

  /** A short hash of the file's text: a changed file is a different sweep. */
  public String hash() {
    return sha256(text).substring(0, 16);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String string(Map<String, Object> m, String key, String dflt, String where) {
    Object v = m.get(key);
    if (v == null) {
      if (dflt == null) throw new ConfigException(where + ": " + key + ": required");
      return dflt;
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) throw new ConfigException(where + ": " + key + ": expected a string, was " + v);
    return String.valueOf(v);
  }

  private static int integer(Map<String, Object> m, String key, int dflt, String where) {
    Object v = m.get(key);
    if (v == null) return dflt;
    if (!(v instanceof Number n) || n.doubleValue() != n.intValue()) throw new ConfigException(where + ": " + key + ": expected an integer, was " + v);
    return n.intValue();
  }
}
