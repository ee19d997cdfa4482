package org.vaelab.models.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.testkit.CodePriorContract;
import org.vaelab.api.testkit.Fixtures;

class UniformCodePriorProviderTest extends CodePriorContract<UniformCodePriorConfig, UniformCodePriorProvider> {
  @Override protected UniformCodePriorProvider provider() { return new UniformCodePriorProvider(); }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(); }

  @Test
  void everyRowCostsSlotsTimesLogK() {
    double[] logP = new double[27];
    built(Fixtures.doubleKernels(), new ParameterStore[1], true).logProb(allRows(), logP, 0);
    for (double v : logP) assertEquals(-SLOTS * Math.log(CODES), v, 1e-12);
  }
}
