package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.spi.LikelihoodProvider;
import org.vaelab.api.spi.PluginKind;

/** Contract of a likelihood: finite log-density, per-example sums, gradient against finite differences. */
public abstract class LikelihoodContract<C extends Record, P extends LikelihoodProvider<C>>
    extends ProviderContract<C, P> {
  protected static final int BATCH = 3;
  protected static final int VALUES = 5;

  @Override protected PluginKind kind() { return PluginKind.LIKELIHOOD; }

  /** Data this likelihood models; [0, 1] by default. */
  protected INDArray data(Kernels k) {
    return Fixtures.uniform(k, 11, 0, 1, BATCH, VALUES);
  }

  /** Configs whose gradients are checked; the default config unless a test adds variants. */
  protected List<C> gradientConfigs() {
    return List.of(provider().defaultConfig());
  }

  @Test
  void logLikelihoodGradientMatchesFiniteDifferences() {
    for (C c : gradientConfigs()) checkGradient(c);
  }

  private void checkGradient(C c) {
    Kernels k = Fixtures.doubleKernels();
    Likelihood l = provider().build(c, VALUES);
    ParameterStore store = ParameterStore.allocate(List.of(l), k);
    store.initialise(1);
    if (store.size() > 0) store.values().assign(Fixtures.normal(k, 13, 1, store.size()).reshape(store.values().shape()).muli(0.3));
    l.plan(BATCH, k);
    INDArray x = data(k);
    INDArray params = Fixtures.normal(k, 12, BATCH, (long) VALUES * l.paramsPerValue());
    INDArray dParams = k.create(params.shape());
    INDArray per = k.create(BATCH);
    double total = l.logLikelihood(params, x, dParams, 1.0, per);
    INDArray ownGrads = store.size() > 0 ? store.grads().dup() : null;  // own parameters' gradients are added
    assertTrue(Double.isFinite(total));
    assertEquals(total, per.sumNumber().doubleValue(), 1e-9 * Math.max(1, Math.abs(total)));
    INDArray scratch = k.create(params.shape());
    double err = GradientCheck.maxRelativeError(params, dParams.dup(),
        () -> l.logLikelihood(params, x, scratch, 0.0, null));
    assertTrue(err < 1e-5, c + ": max relative error " + err);
    if (ownGrads != null) {
      double own = GradientCheck.maxRelativeError(store.values(), ownGrads, () -> l.logLikelihood(params, x, scratch, 0.0, null));
      assertTrue(own < 1e-5, c + ": own parameters, max relative error " + own);
    }
    INDArray mean = k.create(BATCH, VALUES);
    l.mean(params, mean);
    assertTrue(Fixtures.allFinite(mean), "mean is finite");
  }
}
