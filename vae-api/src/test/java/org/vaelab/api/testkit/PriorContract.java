package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PriorProvider;

/** Contract of a prior: KL is finite and non-negative where exact, its gradient is right, sampling works. */
public abstract class PriorContract<C extends Record, P extends PriorProvider<C>> extends ProviderContract<C, P> {
  protected static final int BATCH = 4;
  protected static final int LATENT = 3;

  @Override protected PluginKind kind() { return PluginKind.PRIOR; }

  /** The config the checks build the prior with; the default config unless overridden. */
  protected C checkedConfig() { return provider().defaultConfig(); }

  private Prior built(Kernels k, ParameterStore[] store) {
    Prior p = provider().build(checkedConfig(), LATENT);
    if (p.needsEncoder()) {
      // a tiny encoder and its twin sharing parameters, as the training loop gives them
      Encoder encoder = tinyEncoder();
      Encoder twin = tinyEncoder();
      p.attachEncoder(twin);
      store[0] = ParameterStore.allocate(List.of(encoder, p), k);
      int n = encoder.params().size();
      twin.bind(store[0].valueViews().subList(0, n), store[0].gradViews().subList(0, n));
    } else {
      store[0] = ParameterStore.allocate(List.of(p), k);
    }
    store[0].initialise(1);
    p.plan(BATCH, k);
    return p;
  }

  private static Encoder tinyEncoder() {
    return new GaussianPosteriorEncoder(Sequential.mlp(5, List.of(), 4, Activation.TANH, Activation.TANH), LATENT);
  }

  private static PosteriorSample sample(Kernels k, INDArray mu, INDArray lv, INDArray eps) {
    INDArray z = k.create(mu.shape());
    k.reparameterize(mu, lv, eps, z);
    return new PosteriorSample(mu, lv, eps, z, k.create(mu.shape()), k.create(mu.shape()), k.create(mu.shape()));
  }

  @Test
  void klIsFiniteAndPerExampleSumsToTotal() {
    Kernels k = Fixtures.doubleKernels();
    Prior p = built(k, new ParameterStore[1]);
    PosteriorSample s = sample(k, Fixtures.normal(k, 2, BATCH, LATENT), Fixtures.normal(k, 3, BATCH, LATENT),
        Fixtures.normal(k, 4, BATCH, LATENT));
    INDArray per = k.create(BATCH);
    double kl = p.kl(s, 1.0, per);
    assertTrue(Double.isFinite(kl), "kl " + kl);
    assertEquals(kl, per.sumNumber().doubleValue(), 1e-9 * Math.max(1, Math.abs(kl)));
    if (p.analyticKl()) assertTrue(per.minNumber().doubleValue() >= 0, "analytic KL must be >= 0: " + per);
  }

  /** The posterior parameters and noise of the gradient and freeze checks. */
  private record Inputs(INDArray mu, INDArray lv, INDArray eps) {
    static Inputs of(Kernels k) {
      return new Inputs(Fixtures.normal(k, 2, BATCH, LATENT), Fixtures.normal(k, 3, BATCH, LATENT).muli(0.5),
          Fixtures.normal(k, 4, BATCH, LATENT));
    }

    PosteriorSample sample(Kernels k) { return PriorContract.sample(k, mu, lv, eps); }
  }

  @Test
  void klGradientMatchesFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    ParameterStore[] store = new ParameterStore[1];
    Prior p = built(k, store);
    Inputs in = Inputs.of(k);
    INDArray mu = in.mu();
    INDArray lv = in.lv();
    INDArray eps = in.eps();
    PosteriorSample s = sample(k, mu, lv, eps);
    p.kl(s, 1.0, null);
    INDArray paramGrads = store[0].size() > 0 ? store[0].grads().dup() : null;  // before the probes below add more
    k.reparameterizeBackward(s.dZ(), lv, eps, s.dMean(), s.dLogVar());
    DoubleSupplier loss = () -> p.kl(sample(k, mu, lv, eps), 0.0, null);
    assertTrue(GradientCheck.maxRelativeError(mu, s.dMean().dup(), loss) < 1e-5, "d/d mean");
    assertTrue(GradientCheck.maxRelativeError(lv, s.dLogVar().dup(), loss) < 1e-5, "d/d logVar");
    if (paramGrads != null) {
      assertTrue(GradientCheck.maxRelativeError(store[0].values(), paramGrads, loss) < 1e-5, "params");
    }
  }

  @Test
  void frozenGivesTheSameKlAndSampleGradientsAndSeesNewParametersAfterwards() {
    Kernels k = Fixtures.doubleKernels();
    ParameterStore[] store = new ParameterStore[1];
    Prior p = built(k, store);
    Inputs in = Inputs.of(k);
    PosteriorSample free = in.sample(k);
    INDArray perFree = k.create(BATCH);
    p.kl(free, 1.0, perFree);
    p.freeze(true);
    for (int call = 0; call < 2; call++) {  // the second call may come from a cache
      PosteriorSample frozen = in.sample(k);
      INDArray per = k.create(BATCH);
      p.kl(frozen, 1.0, per);
      assertEquals(perFree, per, "frozen KL, call " + call);
      assertEquals(free.dZ(), frozen.dZ(), "frozen d/dz, call " + call);
      assertEquals(free.dLogVar(), frozen.dLogVar(), "frozen d/d logVar, call " + call);
    }
    p.freeze(false);
    if (store[0].size() == 0 || p.analyticKl()) return;
    store[0].values().addi(0.25);
    INDArray moved = k.create(BATCH);
    p.kl(in.sample(k), 0.0, moved);
    p.freeze(true);
    INDArray movedFrozen = k.create(BATCH);
    p.kl(in.sample(k), 0.0, movedFrozen);
    p.freeze(false);
    assertEquals(moved, movedFrozen, "a new frozen scope sees the parameters as they are now");
    assertTrue(moved.sub(perFree).amaxNumber().doubleValue() > 1e-6, "the parameter change moved the KL");
  }

  @Test
  void samplesHaveTheRightShapeAndAreReproducible() {
    Kernels k = Fixtures.doubleKernels();
    Prior p = built(k, new ParameterStore[1]);
    INDArray a = k.create(5, LATENT);
    INDArray b = k.create(5, LATENT);
    p.sample(a, Nd4j.getRandomFactory().getNewRandomInstance(9));
    p.sample(b, Nd4j.getRandomFactory().getNewRandomInstance(9));
    assertArrayEquals(new long[] {5, LATENT}, a.shape());
    assertEquals(a, b);
    assertTrue(a.std(0).minNumber().doubleValue() > 0, "samples vary");
  }
}
