package org.vaelab.losses.likelihood;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.testkit.LikelihoodContract;

class BernoulliLikelihoodProviderTest extends LikelihoodContract<BernoulliConfig, BernoulliLikelihoodProvider> {
  @Override protected BernoulliLikelihoodProvider provider() { return new BernoulliLikelihoodProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(); }

  @Test
  void rejectsDataOutsideTheUnitInterval() {
    assertThrows(ConfigException.class, () -> provider().build(new BernoulliConfig(), 4).checkData(-0.5, 1));
  }
}
