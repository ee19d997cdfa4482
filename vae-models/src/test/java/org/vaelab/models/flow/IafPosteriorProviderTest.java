package org.vaelab.models.flow;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.PosteriorContract;

class IafPosteriorProviderTest extends PosteriorContract<IafConfig, IafPosteriorProvider> {
  @Override protected IafPosteriorProvider provider() { return new IafPosteriorProvider(); }

  @Override protected IafConfig checkedConfig() { return new IafConfig(3, 5); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("flows", 0), Map.of("hidden", 0), Map.of("hidden", 2000));
  }
}
