package org.vaelab.api.track;

import java.util.Map;

/**
 * A run found in a tracker by its tags (sweeps use it to skip finished trials and rank them).
 *
 * @param runId       the run's id
 * @param status      its current status
 * @param tags        its tags
 * @param lastMetrics the last logged value of each metric
 */
public record RunRecord(String runId, RunStatus status, Map<String, String> tags, Map<String, Double> lastMetrics) {
  public RunRecord {
    tags = Map.copyOf(tags);
    lastMetrics = Map.copyOf(lastMetrics);
  }
}
