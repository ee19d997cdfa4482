package org.vaelab.models.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.Adam;
import org.vaelab.api.engine.CodePrior;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.testkit.CodePriorContract;
import org.vaelab.api.testkit.Fixtures;

class ArCodePriorProviderTest extends CodePriorContract<ArCodePriorConfig, ArCodePriorProvider> {
  @Override protected ArCodePriorProvider provider() { return new ArCodePriorProvider(); }

  @Override protected ArCodePriorConfig checkedConfig() { return config(Map.of("hiddenDims", List.of(6, 5))); }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("hiddenDims", List.of()), Map.of("hiddenDims", List.of(0)), Map.of("epochs", 0),
        Map.of("batchSize", 0), Map.of("lr", 0.0));
  }

  @Test
  void theUntrainedPriorIsExactlyUniform() {
    double[] logP = new double[27];
    CodePrior p = built(Fixtures.doubleKernels(), new ParameterStore[1], false);
    p.logProb(allRows(), logP, 0);  // the shortcut of an unfitted prior
    for (double v : logP) assertEquals(-SLOTS * Math.log(CODES), v, 1e-12);
    p.logProb(allRows(), logP, 1.0);  // the network itself (a gradient asked for)
    for (double v : logP) assertEquals(-SLOTS * Math.log(CODES), v, 1e-12);
  }

  @Test
  void fittingLearnsCodesThatDependOnEarlierSlots() {
    Kernels k = Fixtures.doubleKernels();
    CodePrior p = (CodePrior) provider().build(config(Map.of("hiddenDims", List.of(32))), SLOTS * 2);
    p.attachCodes(SLOTS, CODES);
    ParameterStore[] store = {ParameterStore.allocate(List.of(p), k)};
    store[0].initialise(1);
    p.plan(27, k);
    Adam adam = new Adam(k, store[0], 0.01, 0.9, 0.999, 1e-8);
    SplittableRandom rng = new SplittableRandom(5);
    int[][] batch = new int[27][];
    double[] logP = new double[batch.length];
    for (int step = 0; step < 500; step++) {
      for (int r = 0; r < batch.length; r++) {
        int c = rng.nextInt(CODES);
        batch[r] = new int[] {c, c, (c + 1) % CODES};  // only the first slot is random: entropy log 3
      }
      store[0].zeroGrads();
      p.logProb(batch, logP, -1.0 / batch.length);
      adam.step();
    }
    p.logProb(new int[][] {{0, 0, 1}, {1, 1, 2}, {2, 2, 0}}, logP, 0);
    for (int r = 0; r < 3; r++) assertEquals(-Math.log(3), logP[r], 0.1, "row " + r);
    int[][] drawn = p.sample(300, 1.0, new SplittableRandom(9));
    long consistent = java.util.Arrays.stream(drawn).filter(d -> d[1] == d[0] && d[2] == (d[0] + 1) % CODES).count();
    assertTrue(consistent > 270, consistent + " of 300 samples follow the learned dependency");
    int[][] cold = p.sample(300, 0.05, new SplittableRandom(9));
    assertTrue(java.util.Arrays.stream(cold).allMatch(d -> d[1] == d[0] && d[2] == (d[0] + 1) % CODES),
        "at a low temperature every sample takes the most likely codes");
  }
}
