package org.vaelab.experiments.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.mkl.global.mkl_rt;
import org.junit.jupiter.api.Test;

class BlasTest {
  /** Row-major op(A) op(B) in double, the reference. */
  private static double[] product(float[] a, float[] b, int m, int n, int k, boolean ta, boolean tb) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) s += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        c[i * n + j] = s;
      }
    }
    return c;
  }

  private static float[] random(int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[size];
    for (int i = 0; i < size; i++) v[i] = (float) r.nextDouble(-1, 1);
    return v;
  }

  /** alpha op(A) op(B) + beta C with {@code lib}, C starting at 0.5 everywhere. */
  private static float[] sgemm(Blas.Library lib, float[] a, float[] b, int m, int n, int k, boolean ta, boolean tb,
      float alpha, float beta) {
    FloatPointer pc = new FloatPointer(m * n);
    for (int i = 0; i < m * n; i++) pc.put(i, 0.5f);
    Blas.sgemm(lib, ta, tb, m, n, k, alpha, new FloatPointer(a), ta ? m : k, new FloatPointer(b), tb ? k : n, beta, pc, n);
    float[] c = new float[m * n];
    pc.get(c);
    return c;
  }

  private static void checkProducts(Blas.Library lib) {
    int[][] shapes = {{7, 5, 9}, {130, 70, 90}, {3, 200, 1}};
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        int m = s[0];
        int n = s[1];
        int k = s[2];
        float[] a = random(m * k, 1);
        float[] b = random(k * n, 2);
        double[] want = product(a, b, m, n, k, ta, tb);
        float[] got = sgemm(lib, a, b, m, n, k, ta, tb, 2f, 1f);
        for (int i = 0; i < want.length; i++) {
          assertEquals(2 * want[i] + 0.5, got[i], 1e-4 * (1 + Math.abs(want[i])), lib + " " + m + "x" + n + "x" + k
              + " ta=" + ta + " tb=" + tb + " at " + i);
        }
      }
    }
  }

  @Test
  void openBlasProductsMatchTheReference() {
    checkProducts(Blas.Library.OPENBLAS);
  }

  @Test
  void mklProductsMatchTheReferenceAndRepeatBitForBit() {
    String why = Blas.loadMkl();
    assumeTrue(why == null, "MKL does not load here: " + why);
    checkProducts(Blas.Library.MKL);
    float[] a = random(128 * 300, 3);
    float[] b = random(300 * 200, 4);
    float[] first = sgemm(Blas.Library.MKL, a, b, 128, 200, 300, false, true, 1f, 0f);
    for (int i = 0; i < 5; i++) assertArrayEquals(first, sgemm(Blas.Library.MKL, a, b, 128, 200, 300, false, true, 1f, 0f));
  }

  @Test
  void mklGivesTheSameBitsOnOneThreadOrTwo() {
    String why = Blas.loadMkl();
    assumeTrue(why == null, "MKL does not load here: " + why);
    int[][] shapes = {{128, 400, 784, 0, 0}, {784, 400, 128, 1, 0}, {128, 400, 784, 0, 1}, {128, 20, 400, 0, 0}};
    try {
      for (int[] s : shapes) {
        float[] a = random(s[0] * s[2], 5);
        float[] b = random(s[2] * s[1], 6);
        float[][] out = new float[2][];
        for (int t = 0; t < 2; t++) {
          mkl_rt.MKL_Set_Num_Threads(t + 1);
          out[t] = sgemm(Blas.Library.MKL, a, b, s[0], s[1], s[2], s[3] == 1, s[4] == 1, 1f, 0f);
        }
        assertArrayEquals(out[0], out[1], Arrays.toString(s));  // without STRICT the first differs
      }
    } finally {
      mkl_rt.MKL_Set_Num_Threads(Runtime.getRuntime().availableProcessors());
    }
  }

  @Test
  void mklIsChosenOnIntelCpusWhereItLoads() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    assumeTrue(Files.isReadable(cpuinfo));
    boolean intel = Files.readString(cpuinfo).contains("GenuineIntel");
    boolean mkl = intel && Blas.loadMkl() == null;
    assertEquals(mkl ? Blas.Library.MKL : Blas.Library.OPENBLAS, Blas.library());
    assertTrue(Blas.describe().startsWith(mkl ? "MKL 20" : "OpenBLAS 0."), Blas.describe());
  }
}
