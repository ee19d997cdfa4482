package org.vaelab.experiments.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML in and out with user-facing errors (line and column). */
public final class Yaml {
  private Yaml() {}

  /** Parses a YAML mapping; an empty document is an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseMap(String text, String where) {
    Object doc;
    try {
      doc = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark();
      String pos = m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
      throw new ConfigException(where + pos + ": malformed YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException(where + ": malformed YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (doc == null) return new LinkedHashMap<>();
    if (!(doc instanceof Map<?, ?> m)) throw new ConfigException(where + ": expected a mapping of keys to values, was " + doc);
    return (Map<String, Object>) m;
  }

  /** Parses one {@code --set} value as a YAML scalar or flow collection ({@code 16}, {@code [400, 200]}, {@code relu}). */
  public static Object parseValue(String text) {
    try {
      return new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      return text;
    }
  }

  /** Block-style YAML of nested maps and lists. */
  public static String dump(Map<String, Object> map) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setSplitLines(false);
    return new org.yaml.snakeyaml.Yaml(o).dump(map);
  }
}
