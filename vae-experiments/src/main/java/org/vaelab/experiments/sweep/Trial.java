package org.vaelab.experiments.sweep;

import java.util.Map;
import org.vaelab.experiments.config.ExperimentConfig;

/**
 * One planned run of a sweep.
 *
 * @param index     position in the plan, from 0
 * @param overrides the swept values (dotted key → value), seed excluded
 * @param config    the resolved, validated config (seed included)
 * @param trialId   hash of the resolved config: identifies the run in the tracker
 * @param configId  hash without the seed: groups the seeds of one configuration
 */
public record Trial(int index, Map<String, Object> overrides, ExperimentConfig config, String trialId, String configId) {
  public Trial {
    overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
  }
}
