package org.vaelab.models.flow;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.PosteriorContract;

class GaussianPosteriorProviderTest extends PosteriorContract<GaussianPosteriorConfig, GaussianPosteriorProvider> {
  @Override protected GaussianPosteriorProvider provider() { return new GaussianPosteriorProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(); }
}
