package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.spi.EncoderProvider;
import org.vaelab.api.spi.PluginKind;

/** Contract of an encoder plugin: shapes, determinism, and backward against finite differences. */
public abstract class EncoderContract<C extends Record, P extends EncoderProvider<C>> extends ProviderContract<C, P> {
  protected static final int BATCH = 3;

  @Override protected PluginKind kind() { return PluginKind.ENCODER; }

  /** A tiny config for gradient checks (a few hundred parameters at most). */
  protected abstract C tinyConfig();

  /** The example shape used with {@link #tinyConfig()}: 6 tabular values unless overridden. */
  protected DataShape tinyShape() { return DataShape.flat(6); }

  private long tinyInputSize() { return tinyShape().values(); }

  /**
   * Whether the encoder's backward is a deliberate estimator rather than the true gradient
   * (vector quantisation's straight-through); then the finite-difference check is skipped and the
   * plugin's own tests check the estimator.
   */
  protected boolean straightThrough() { return false; }

  private Encoder built(Kernels k, long seed) {
    Encoder e = provider().build(tinyConfig(), tinyShape());
    ParameterStore.allocate(List.of(e), k).initialise(seed);
    e.plan(BATCH, k);
    return e;
  }

  @Test
  void outputShapes() {
    Kernels k = Fixtures.doubleKernels();
    Encoder e = built(k, 1);
    e.forward(Fixtures.uniform(k, 2, 0, 1, BATCH, tinyInputSize()));
    assertArrayEquals(new long[] {BATCH, e.latentDim()}, e.mean().shape());
    assertArrayEquals(new long[] {BATCH, e.latentDim()}, e.logVar().shape());
    e.forward(Fixtures.uniform(k, 2, 0, 1, 1, tinyInputSize()));
    assertEquals(1, e.mean().size(0), "a partial batch runs on the same plan");
  }

  @Test
  void sameSeedGivesSameTensors() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 2, 0, 1, BATCH, tinyInputSize());
    Encoder a = built(k, 7);
    Encoder b = built(k, 7);
    a.forward(x);
    b.forward(x);
    assertEquals(a.mean(), b.mean());
    assertEquals(a.logVar(), b.logVar());
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Assumptions.assumeFalse(straightThrough(), "a straight-through estimator is not the finite-difference gradient");
    Kernels k = Fixtures.doubleKernels();
    Encoder e = provider().build(tinyConfig(), tinyShape());
    ParameterStore store = ParameterStore.allocate(List.of(e), k);
    store.initialise(3);
    e.plan(BATCH, k);
    INDArray x = Fixtures.uniform(k, 4, 0, 1, BATCH, tinyInputSize());
    INDArray r1 = Fixtures.normal(k, 5, BATCH, e.latentDim());
    INDArray r2 = Fixtures.normal(k, 6, BATCH, e.latentDim());
    e.forward(x);
    e.backward(r1, r2);
    INDArray analytic = store.grads().dup();
    double err = GradientCheck.maxRelativeError(store.values(), analytic, () -> {
      e.forward(x);
      return e.mean().mul(r1).sumNumber().doubleValue() + e.logVar().mul(r2).sumNumber().doubleValue();
    });
    assertTrue(err < 1e-5, "max relative error " + err);
  }
}
