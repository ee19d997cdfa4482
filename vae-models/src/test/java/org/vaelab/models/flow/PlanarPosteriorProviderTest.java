package org.vaelab.models.flow;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.PosteriorContract;

class PlanarPosteriorProviderTest extends PosteriorContract<PlanarConfig, PlanarPosteriorProvider> {
  @Override protected PlanarPosteriorProvider provider() { return new PlanarPosteriorProvider(); }

  @Override protected PlanarConfig checkedConfig() { return new PlanarConfig(3); }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(Map.of("flows", 0), Map.of("flows", 65)); }
}
