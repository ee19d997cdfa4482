package org.vaelab.api.track;

import java.util.Map;

/**
 * What a new run is called and tagged with.
 *
 * @param experiment experiment name (found or created)
 * @param runName    the run's display name
 * @param tags       tags set when the run starts
 */
public record RunSpec(String experiment, String runName, Map<String, String> tags) {
  public RunSpec {
    if (experiment == null || experiment.isBlank()) throw new IllegalArgumentException("experiment must not be blank");
    tags = Map.copyOf(tags);
  }
}
