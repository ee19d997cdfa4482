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
  void expOfAnySignMatchesWithinAFewUlpsAndTheScalarFormHasTheSameBits() {
    for (float x = -87f; x <= 87.5f; x += 0.017f * S.length()) {
      float[] in = lanes(x, 0.017f);
      float[] out = VectorMath.exp(FloatVector.fromArray(S, in, 0)).toArray();
      for (int i = 0; i < in.length; i++) {
        double exact = Math.exp(in[i]);
        assertEquals(exact, out[i], 4 * Math.ulp((float) exact), "exp(" + in[i] + ")");
        assertEquals(Float.floatToRawIntBits(out[i]), Float.floatToRawIntBits(VectorMath.exp(in[i])), "exp(" + in[i] + ") scalar");
      }
    }
    assertEquals(Math.exp(88), VectorMath.exp(1000f), 1e32, "clamped below infinity");
  }

  @Test
  void logOfProductsAtLeastOneMatchesWithinAFewUlps() {
    for (double p = 1; p < 1e30; p *= 1.0037 + 0.0001 * S.length()) {
      float[] in = lanes((float) p, (float) (p * 1e-3));
      float[] out = VectorMath.logAtLeastOne(FloatVector.fromArray(S, in, 0)).toArray();
      for (int i = 0; i < in.length; i++) {
        double exact = Math.log(in[i]);
        assertEquals(exact, out[i], 4 * Math.ulp((float) exact) + 1e-7, "log(" + in[i] + ")");
      }
    }
    assertEquals(0f, VectorMath.logAtLeastOne(FloatVector.broadcast(S, 1f)).lane(0), 0f, "log 1 is exactly 0");
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
