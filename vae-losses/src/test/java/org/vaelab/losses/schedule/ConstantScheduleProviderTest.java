package org.vaelab.losses.schedule;

import java.util.List;
import java.util.Map;
import org.vaelab.api.testkit.KlScheduleContract;

class ConstantScheduleProviderTest extends KlScheduleContract<ConstantScheduleConfig, ConstantScheduleProvider> {
  @Override protected ConstantScheduleProvider provider() { return new ConstantScheduleProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(Map.of("beta", -0.1)); }
}
