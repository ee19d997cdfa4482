package org.vaelab.models.prior;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.PriorContract;

class HierarchicalPriorProviderTest extends PriorContract<HierarchicalPriorConfig, HierarchicalPriorProvider> {
  @Override protected HierarchicalPriorProvider provider() { return new HierarchicalPriorProvider(); }

  @Override protected HierarchicalPriorConfig checkedConfig() {
    return new HierarchicalPriorConfig(1, "standard-normal", 3, false, List.of(4));
  }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("topDim", 0), Map.of("top", "mixture"), Map.of("components", 0), Map.of("hiddenDims", List.of(0)));
  }
}
