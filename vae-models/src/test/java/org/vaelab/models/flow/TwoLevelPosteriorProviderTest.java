package org.vaelab.models.flow;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.PosteriorContract;

class TwoLevelPosteriorProviderTest extends PosteriorContract<TwoLevelConfig, TwoLevelPosteriorProvider> {
  @Override protected TwoLevelPosteriorProvider provider() { return new TwoLevelPosteriorProvider(); }

  @Override protected TwoLevelConfig checkedConfig() { return new TwoLevelConfig(1, List.of(4)); }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("topDim", 0), Map.of("hiddenDims", List.of(0)));
  }
}
