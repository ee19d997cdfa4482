package org.vaelab.models.prior;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.PriorContract;

/** The prior contract with a VampPrior on the top layer (the encoder twin seen through its z2 slice). */
class HierarchicalVampPriorTest extends PriorContract<HierarchicalPriorConfig, HierarchicalPriorProvider> {
  @Override protected HierarchicalPriorProvider provider() { return new HierarchicalPriorProvider(); }

  @Override protected HierarchicalPriorConfig checkedConfig() {
    return new HierarchicalPriorConfig(2, "vamp", 3, false, List.of(4));
  }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(Map.of("topDim", -1)); }
}
