package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.spi.DecoderProvider;
import org.vaelab.api.spi.DecoderShape;
import org.vaelab.api.spi.PluginKind;

/** Contract of a decoder plugin: shapes, determinism, parameter and input gradients. */
public abstract class DecoderContract<C extends Record, P extends DecoderProvider<C>> extends ProviderContract<C, P> {
  protected static final int BATCH = 3;
  protected static final int LATENT = 2;

  @Override protected PluginKind kind() { return PluginKind.DECODER; }

  protected abstract C tinyConfig();

  /** What the decoder is built for with {@link #tinyConfig()}: z of {@code LATENT} to 6 tabular values unless overridden. */
  protected DecoderShape tinyShape() { return new DecoderShape(LATENT, DataShape.flat(6), 1); }

  private long tinyOutputSize() { return tinyShape().outputSize(); }


  private Layer built(Kernels k, long seed, ParameterStore[] store) {
    Layer d = provider().build(tinyConfig(), tinyShape());
    store[0] = ParameterStore.allocate(List.of(d), k);
    store[0].initialise(seed);
    d.plan(BATCH, k);
    return d;
  }

  @Test
  void outputShapes() {
    Kernels k = Fixtures.doubleKernels();
    Layer d = built(k, 1, new ParameterStore[1]);
    assertEquals(LATENT, d.inputSize());
    assertArrayEquals(new long[] {BATCH, tinyOutputSize()}, d.forward(Fixtures.normal(k, 2, BATCH, LATENT)).shape());
  }

  @Test
  void sameSeedGivesSameTensors() {
    Kernels k = Fixtures.doubleKernels();
    INDArray z = Fixtures.normal(k, 2, BATCH, LATENT);
    INDArray a = built(k, 7, new ParameterStore[1]).forward(z).dup();
    INDArray b = built(k, 7, new ParameterStore[1]).forward(z).dup();
    assertEquals(a, b);
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    Kernels k = Fixtures.doubleKernels();
    ParameterStore[] store = new ParameterStore[1];
    Layer d = built(k, 3, store);
    INDArray z = Fixtures.normal(k, 4, BATCH, LATENT);
    INDArray r = Fixtures.normal(k, 5, BATCH, tinyOutputSize());
    d.forward(z);
    INDArray dz = d.backward(r).dup();
    INDArray analytic = store[0].grads().dup();
    java.util.function.DoubleSupplier loss = () -> d.forward(z).mul(r).sumNumber().doubleValue();
    double err = GradientCheck.maxRelativeError(store[0].values(), analytic, loss);
    assertTrue(err < 1e-5, "parameters: max relative error " + err);
    double errZ = GradientCheck.maxRelativeError(z, dz, loss);
    assertTrue(errZ < 1e-5, "input z: max relative error " + errZ);
  }
}
