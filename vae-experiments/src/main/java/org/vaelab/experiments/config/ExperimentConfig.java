package org.vaelab.experiments.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vaelab.api.config.RecordMaps;

/**
 * A fully resolved run config: the record of how a run was made. It is logged as params (dotted
 * keys) and saved as {@code config.yaml} beside the checkpoint.
 *
 * @param name       run name
 * @param experiment MLflow experiment name
 * @param seed       seed of initialisation, shuffling, noise and binarisation
 */
public record ExperimentConfig(String name, String experiment, long seed, PluginChoice dataset, PluginChoice encoder,
    PluginChoice decoder, PluginChoice prior, PluginChoice posterior, PluginChoice likelihood, PluginChoice schedule,
    PluginChoice objective, PluginChoice tracker,
    OptimizerConfig optimizer, TrainingConfig training, EvaluationConfig evaluation) {

  /** The top-level keys of a config file, in file order. */
  public static final java.util.List<String> KEYS = java.util.List.of("name", "experiment", "seed", "dataset", "encoder",
      "decoder", "prior", "posterior", "likelihood", "schedule", "objective", "tracker", "optimizer", "training",
      "evaluation");

  /** Every plugin choice, in file order. */
  public java.util.List<PluginChoice> plugins() {
    return java.util.List.of(dataset, encoder, decoder, prior, posterior, likelihood, schedule, objective, tracker);
  }

  /** The whole config as nested maps, in file order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("experiment", experiment);
    m.put("seed", seed);
    for (PluginChoice c : plugins()) m.put(c.kind().key, c.toMap());
    m.put("optimizer", RecordMaps.toMap(optimizer));
    m.put("training", RecordMaps.toMap(training));
    m.put("evaluation", RecordMaps.toMap(evaluation));
    return m;
  }

  /** Params for the tracker: every leaf as a dotted key, except where runs are stored. */
  public Map<String, String> toParams() {
    Map<String, Object> m = toMap();
    m.remove("tracker");
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", m, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> m, Map<String, String> out) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub) {
        flatten(key + ".", (Map<String, Object>) sub, out);
      } else {
        out.put(key, String.valueOf(e.getValue()));
      }
    }
  }
}
