package org.vaelab.losses.objective;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.ObjectiveContract;

class ElboObjectiveProviderTest extends ObjectiveContract<ElboConfig, ElboObjectiveProvider> {
  @Override protected ElboObjectiveProvider provider() { return new ElboObjectiveProvider(); }

  @Override protected ElboConfig oneSampleConfig() { return new ElboConfig(1); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("samples", 0), Map.of("samples", 5000));
  }
}
