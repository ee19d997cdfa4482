package org.vaelab.experiments.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** The polynomial exp and log1p against double-precision Math over their whole domains. */
class VectorMathTest {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private static float[] lanes(float start, float step) {
    float[] a = new float[S.length()];
    for (int i = 0; i < a.length; i++) a[i] = start + i * step;
    return a;
  }

  @Test
  void expMatchesWithinAFewUlpsDownToTheFloatRange() {
    for (float x = -87f; x <= 0f; x += 0.013f * S.length()) {
      float[] in = lanes(x, 0.013f);
      float[] out = VectorMath.expNonPositive(FloatVector.fromArray(S, in, 0)).toArray();
      for (int i = 0; i < in.length; i++) {
        if (in[i] > 0) continue;
        double exact = Math.exp(in[i]);
        assertEquals(exact, out[i], 4 * Math.ulp((float) exact), "exp(" + in[i] + ")");
      }
    }
    float[] far = VectorMath.expNonPositive(FloatVector.broadcast(S, -1000f)).toArray();
    assertEquals(0, far[0], 1.3e-38, "exp(-1000) is clamped to a tiny positive number");
  }

  @Test
  void log1pMatchesWithinAFewUlpsOnTheUnitInterval() {
    for (float e = 0f; e <= 1f; e += 1e-4f * S.length()) {
      float[] in = lanes(e, 1e-4f);
      float[] out = VectorMath.log1pUnit(FloatVector.fromArray(S, in, 0)).toArray();
      for (int i = 0; i < in.length; i++) {
        if (in[i] > 1) continue;
        double exact = Math.log1p(in[i]);
        assertEquals(exact, out[i], 4 * Math.ulp((float) exact) + 1e-45, "log1p(" + in[i] + ")");
      }
    }
    float[] tiny = VectorMath.log1pUnit(FloatVector.broadcast(S, 1e-30f)).toArray();
    assertEquals(1e-30, tiny[0], 1e-36, "no precision lost for small arguments");
  }

  @Test
  void tanhMatchesWithinAFewUlpsAndSaturates() {
    for (float x = -10f; x <= 10f; x += 1e-3f * S.length()) {
      float[] in = lanes(x, 1e-3f);
      float[] out = VectorMath.tanh(FloatVector.fromArray(S, in, 0)).toArray();
      for (int i = 0; i < in.length; i++) {
        double exact = Math.tanh(in[i]);
        assertEquals(exact, out[i], 1e-6 * Math.abs(exact) + 1e-7, "tanh(" + in[i] + ")");
      }
    }
    float[] tiny = VectorMath.tanh(FloatVector.broadcast(S, 1e-20f)).toArray();
    assertEquals(1e-20f, tiny[0], 0f);
  }
}
