package org.vaelab.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.vaelab.api.config.ConfigException;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.Yaml;

/**
 * The deterministic trial list of a sweep: grid (first key outermost) or random (configuration i
 * drawn from an RNG seeded by (sweep seed, i), so a larger run_cap only adds trials), each
 * configuration once per seed. Every trial is resolved and validated here, before any runs.
 */
public final class Planner {
  /** The most trials a sweep may plan: each is validated before the first runs. */
  public static final long MAX_TRIALS = 10_000;

  private Planner() {}

  public static List<Trial> plan(SweepSpec spec, ConfigLoader loader, String where) {
    checkSize(spec, where);
    Map<String, Object> base = readBase(spec, where);
    List<Map<String, Object>> configs = spec.method().equals("grid") ? grid(spec.parameters()) : random(spec);
    List<Long> seeds = spec.seeds().isEmpty() ? List.of(baseSeed(base)) : spec.seeds();
    List<Trial> trials = new ArrayList<>();
    for (Map<String, Object> overrides : configs) {
      for (long seed : seeds) {
        int index = trials.size();
        String at = where + ": trial " + index + " " + describe(overrides);
        Map<String, Object> raw = new LinkedHashMap<>(base);
        raw.put("seed", seed);
        for (Map.Entry<String, Object> o : overrides.entrySet()) ConfigLoader.put(raw, o.getKey(), o.getValue(), at);
        ExperimentConfig c;
        try {
          c = loader.resolve(raw, List.of(), at);
        } catch (ConfigException e) {
          throw e.getMessage().startsWith(at) ? e : new ConfigException(at + ": " + e.getMessage());
        }
        Map<String, Object> identity = c.toMap();
        identity.remove("tracker");
        String trialId = SweepSpec.sha256(Yaml.dump(identity)).substring(0, 12);
        identity.remove("seed");
        String configId = SweepSpec.sha256(Yaml.dump(identity)).substring(0, 12);
        trials.add(new Trial(index, overrides, c, trialId, configId));
      }
    }
    return trials;
  }

  /** Refuses a plan of more than {@link #MAX_TRIALS} trials before building it. */
  private static void checkSize(SweepSpec spec, String where) {
    double n = Math.max(1, spec.seeds().size());
    if (spec.method().equals("grid")) {
      for (SweepParameter p : spec.parameters()) n *= p.values().size();
    } else {
      n *= spec.runCap();
    }
    if (n > MAX_TRIALS) {
      throw new ConfigException(String.format(java.util.Locale.ROOT, "%s: parameters: the %s sweep has %.0f trials"
          + " (configurations x seeds); at most %d are allowed: sweep fewer values, or split it", where, spec.method(), n,
          MAX_TRIALS));
    }
  }

  /** "key=value, …" for messages and the plan listing. */
  public static String describe(Map<String, Object> overrides) {
    List<String> parts = new ArrayList<>();
    overrides.forEach((k, v) -> parts.add(k + "=" + (v instanceof Map<?, ?> || v instanceof List<?> ? flow(v) : v)));
    return "(" + String.join(", ", parts) + ")";
  }

  private static String flow(Object v) {
    return String.valueOf(v).replace("=", ": ");
  }

  private static List<Map<String, Object>> grid(List<SweepParameter> params) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (int p = params.size() - 1; p >= 0; p--) {  // build from the innermost key so the first is outermost
      List<Map<String, Object>> next = new ArrayList<>();
      for (Object v : params.get(p).values()) {
        for (Map<String, Object> rest : out) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put(params.get(p).key(), v);
          m.putAll(rest);
          next.add(m);
        }
      }
      out = next;
    }
    // restore file order of keys in each map
    List<Map<String, Object>> ordered = new ArrayList<>();
    for (Map<String, Object> m : out) {
      Map<String, Object> o = new LinkedHashMap<>();
      for (SweepParameter sp : params) o.put(sp.key(), m.get(sp.key()));
      ordered.add(o);
    }
    return ordered;
  }

  private static List<Map<String, Object>> random(SweepSpec spec) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < spec.runCap(); i++) {
      Random rng = new Random(spec.seed() * 1_000_003L + i);
      Map<String, Object> m = new LinkedHashMap<>();
      for (SweepParameter p : spec.parameters()) m.put(p.key(), p.draw(rng));
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> readBase(SweepSpec spec, String where) {
    try {
      return Yaml.parseMap(Files.readString(spec.base()), spec.base().toString());
    } catch (NoSuchFileException e) {
      throw new ConfigException(where + ": base: " + spec.base() + " does not exist (a relative base is read from the"
          + " sweep file's directory)");
    } catch (IOException e) {
      throw new ConfigException(where + ": base: cannot read " + spec.base() + ": " + e.getMessage());
    }
  }

  private static long baseSeed(Map<String, Object> base) {
    return base.get("seed") instanceof Number n ? n.longValue() : 0;
  }
}
