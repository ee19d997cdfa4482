package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.ParameterStore;

/** Central finite differences in double precision against an analytic gradient. */
public final class GradientCheck {
  public static final double STEP = 1e-6;

  private GradientCheck() {}

  /**
   * The largest relative error over the elements of {@code x} between {@code analytic} and the
   * central difference of {@code loss} (which must read {@code x}). Relative to max(|a|, |n|, 1e-4).
   */
  public static double maxRelativeError(INDArray x, INDArray analytic, DoubleSupplier loss) {
    INDArray flatX = x.reshape(x.length());
    INDArray flatG = analytic.reshape(analytic.length());
    double worst = 0;
    for (long i = 0; i < flatX.length(); i++) {
      double orig = flatX.getDouble(i);
      flatX.putScalar(i, orig + STEP);
      double up = loss.getAsDouble();
      flatX.putScalar(i, orig - STEP);
      double down = loss.getAsDouble();
      flatX.putScalar(i, orig);
      double numeric = (up - down) / (2 * STEP);
      double a = flatG.getDouble(i);
      double err = Math.abs(a - numeric) / Math.max(1e-4, Math.max(Math.abs(a), Math.abs(numeric)));
      worst = Math.max(worst, err);
    }
    return worst;
  }

  /**
   * Asserts that {@code net}'s parameter and input gradients match central differences of
   * sum(forward(x) ⊙ r) within 1e-5, for x and r normal draws of {@code rows} rows (seeds
   * {@code dataSeed} and {@code dataSeed + 1}) and parameters initialised from {@code initSeed}.
   */
  public static void assertLayerGradients(Layer net, Kernels k, int rows, long initSeed, long dataSeed) {
    ParameterStore store = ParameterStore.allocate(List.of(net), k);
    store.initialise(initSeed);
    net.plan(rows, k);
    INDArray x = Fixtures.normal(k, dataSeed, rows, net.inputSize());
    INDArray r = Fixtures.normal(k, dataSeed + 1, rows, net.outputSize());
    net.forward(x);
    INDArray dx = net.backward(r).dup();
    DoubleSupplier loss = () -> net.forward(x).mul(r).sumNumber().doubleValue();
    assertTrue(maxRelativeError(store.values(), store.grads().dup(), loss) < 1e-5, "params");
    assertTrue(maxRelativeError(x, dx, loss) < 1e-5, "input");
  }
}
