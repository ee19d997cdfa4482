package org.vaelab.experiments.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginProvider;
import org.vaelab.api.spi.PluginRegistry;

/** Reads a YAML run config, applies {@code --set} overrides, and resolves every plugin section. */
public final class ConfigLoader {
  private static final Map<PluginKind, String> DEFAULT_TYPES = new EnumMap<>(Map.of(
      PluginKind.DATASET, "fashion-mnist", PluginKind.ENCODER, "mlp", PluginKind.DECODER, "mlp",
      PluginKind.PRIOR, "standard-normal", PluginKind.POSTERIOR, "gaussian", PluginKind.LIKELIHOOD, "bernoulli", PluginKind.SCHEDULE, "constant",
      PluginKind.OBJECTIVE, "elbo", PluginKind.TRACKER, "mlflow-file"));
  private static final List<String> TOP_KEYS = ExperimentConfig.KEYS;

  private final PluginRegistry registry;
  private final Map<String, Object> tracker;

  public ConfigLoader(PluginRegistry registry) {
    this(registry, null);
  }

  private ConfigLoader(PluginRegistry registry, Map<String, Object> tracker) {
    this.registry = registry;
    this.tracker = tracker;
  }

  /** A loader that replaces every config's {@code tracker} section by {@code tracker} (from the command line). */
  public ConfigLoader withTracker(Map<String, Object> tracker) {
    return new ConfigLoader(registry, deepCopy(tracker));
  }

  /** Loads {@code file} with {@code overrides} ({@code dotted.path=value}); errors name the file. */
  public ExperimentConfig load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such config file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    Map<String, Object> raw = Yaml.parseMap(text, file.toString());
    if (raw.isEmpty()) {
      throw new ConfigException(file + ": the config is empty; start from one in experiments/ (quickstart.yaml)");
    }
    return resolve(raw, overrides, file.toString());
  }

  /** Resolves a parsed config map; {@code where} prefixes error messages. */
  public ExperimentConfig resolve(Map<String, Object> raw, List<String> overrides, String where) {
    Map<String, Object> m = deepCopy(raw);
    if (tracker != null) m.put("tracker", deepCopy(tracker));
    for (String o : overrides) applyOverride(m, o);
    try {
      return build(m);
    } catch (ConfigException e) {
      throw e.at(where);
    }
  }

  private static void applyOverride(Map<String, Object> m, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) throw new ConfigException("--set " + override + ": expected dotted.path=value");
    put(m, override.substring(0, eq), Yaml.parseValue(override.substring(eq + 1)), "--set " + override);
  }

  /** Sets {@code dotted.path} in a raw config map to {@code value} (a whole section when it is a map). */
  public static void put(Map<String, Object> m, String dottedPath, Object value, String where) {
    String[] path = dottedPath.split("\\.");
    Map<String, Object> at = m;
    for (int i = 0; i < path.length - 1; i++) {
      Object next = at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
      if (!(next instanceof Map<?, ?>)) {
        throw new ConfigException(where + ": " + path[i] + " is not a section");
      }
      @SuppressWarnings("unchecked") Map<String, Object> sub = (Map<String, Object>) next;
      at = sub;
    }
    at.put(path[path.length - 1], value instanceof Map<?, ?> map ? deepCopy(castMap(map)) : value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private ExperimentConfig build(Map<String, Object> m) {
    for (String key : m.keySet()) {
      if (!TOP_KEYS.contains(key)) {
        throw new ConfigException(key + ": unknown key; allowed: " + String.join(", ", TOP_KEYS) + RecordMaps.didYouMean(key, TOP_KEYS));
      }
    }
    String name = string(m, "name", "vae");
    String experiment = string(m, "experiment", "vaelab");
    long seed = m.containsKey("seed") ? RecordMaps.fromMap(SeedHolder.class, Map.of("seed", m.get("seed")),
        new SeedHolder(0), "").seed() : 0;
    return new ExperimentConfig(name, experiment, seed, plugin(m, PluginKind.DATASET), plugin(m, PluginKind.ENCODER),
        plugin(m, PluginKind.DECODER), plugin(m, PluginKind.PRIOR), plugin(m, PluginKind.POSTERIOR),
        plugin(m, PluginKind.LIKELIHOOD),
        plugin(m, PluginKind.SCHEDULE), plugin(m, PluginKind.OBJECTIVE), plugin(m, PluginKind.TRACKER),
        RecordMaps.fromMap(OptimizerConfig.class, section(m, "optimizer"), OptimizerConfig.DEFAULT, "optimizer"),
        RecordMaps.fromMap(TrainingConfig.class, section(m, "training"), TrainingConfig.DEFAULT, "training"),
        RecordMaps.fromMap(EvaluationConfig.class, section(m, "evaluation"), EvaluationConfig.DEFAULT, "evaluation"));
  }

  /** Holder so that the seed is converted like every other integer field. */
  public record SeedHolder(long seed) {}

  /** Each plugin {@code raw} names by {@code type:} that is not installed, as {@code kind 'id'}. */
  public List<String> missingPlugins(Map<String, Object> raw) {
    List<String> missing = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      if (!(raw.get(kind.key) instanceof Map<?, ?> section) || section.get("type") == null) continue;
      String id = String.valueOf(section.get("type"));
      if (!registry.ids(kind).contains(id)) missing.add(kind.key + " '" + id + "'");
    }
    return missing;
  }

  private PluginChoice plugin(Map<String, Object> m, PluginKind kind) {
    Map<String, Object> s = new LinkedHashMap<>(section(m, kind.key));
    Object type = s.remove("type");
    String id = type == null ? DEFAULT_TYPES.get(kind) : String.valueOf(type);
    PluginProvider<?> p;
    try {
      p = registry.get(kind, id);
    } catch (ConfigException e) {
      throw new ConfigException(kind.key + ".type: " + e.getMessage());
    }
    return new PluginChoice(kind, p, fromMap(p, s, kind.key));
  }

  private static <C extends Record> C fromMap(PluginProvider<C> p, Map<String, Object> s, String path) {
    return RecordMaps.fromMap(p.configType(), s, p.defaultConfig(), path);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) return Map.of();
    if (!(v instanceof Map<?, ?>)) throw new ConfigException(key + ": expected a section (key: value lines), was '" + v + "'");
    return (Map<String, Object>) v;
  }

  private static String string(Map<String, Object> m, String key, String dflt) {
    Object v = m.get(key);
    if (v == null) return dflt;
    if (v instanceof Map<?, ?> || v instanceof List<?>) throw new ConfigException(key + ": expected a string, was " + v);
    String s = String.valueOf(v).trim();
    if (s.isEmpty()) throw new ConfigException(key + ": must not be empty");
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> c = new LinkedHashMap<>();
    m.forEach((k, v) -> c.put(String.valueOf(k), v instanceof Map<?, ?> sub ? deepCopy((Map<String, Object>) sub)
        : v instanceof List<?> l ? new ArrayList<>(l) : v));
    return c;
  }
}
