package org.vaelab.models.codes;

import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.CodePrior;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.spi.PriorProvider;

/** The {@code "codes-uniform"} prior: every code equally likely in every slot, so −log p(codes) = slots·log K. */
public final class UniformCodePriorProvider implements PriorProvider<UniformCodePriorConfig> {
  @Override public String id() { return "codes-uniform"; }

  @Override public String description() { return "uniform prior over VQ codes: KL = slots·log K"; }

  @Override public Class<UniformCodePriorConfig> configType() { return UniformCodePriorConfig.class; }

  @Override public UniformCodePriorConfig defaultConfig() { return new UniformCodePriorConfig(); }

  @Override public Prior build(UniformCodePriorConfig c, int latentDim) { return new Uniform(latentDim); }

  private static final class Uniform implements CodePrior {
    private final int latentDim;
    private int slots;
    private int codes;

    Uniform(int latentDim) { this.latentDim = latentDim; }

    @Override public int latentDim() { return latentDim; }

    @Override public void attachCodes(int slots, int codes) {
      this.slots = slots;
      this.codes = codes;
    }

    @Override public List<ParamSpec> params() { return List.of(); }

    @Override public void bind(List<INDArray> values, List<INDArray> grads) {}

    @Override public void plan(int maxBatch, Kernels kernels) {}

    @Override
    public void logProb(int[][] rows, double[] out, double gradScale) {
      java.util.Arrays.fill(out, 0, rows.length, -slots * Math.log(codes));
    }

    @Override
    public int[][] sample(int n, double temperature, RandomGenerator rng) {
      int[][] drawn = new int[n][slots];
      for (int[] row : drawn) for (int j = 0; j < slots; j++) row[j] = rng.nextInt(codes);
      return drawn;
    }
  }
}
