package org.vaelab.models.prior;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.PriorContract;

class StandardNormalPriorProviderTest extends PriorContract<StandardNormalPriorConfig, StandardNormalPriorProvider> {
  @Override protected StandardNormalPriorProvider provider() { return new StandardNormalPriorProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(); }
}
