package org.vaelab.models.prior;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.PriorContract;

/** The VampPrior with pseudo-inputs through hardtanh(0, 1): the contract's gradient checks on that path. */
class BoundedVampPriorTest extends PriorContract<VampPriorConfig, VampPriorProvider> {
  @Override protected VampPriorProvider provider() { return new VampPriorProvider(); }

  @Override protected VampPriorConfig checkedConfig() { return new VampPriorConfig(6, true); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("bounded", "yes"));
  }
}
