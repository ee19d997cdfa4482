package org.vaelab.api.testkit;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

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
}
