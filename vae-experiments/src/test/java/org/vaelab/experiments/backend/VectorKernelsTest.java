package org.vaelab.experiments.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.ConvGeometry;
import org.vaelab.api.engine.Dense;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Nd4jKernels;

/** Every cpu-vector kernel against the nd4j reference, on shapes with vector tails and on offset views. */
class VectorKernelsTest {
  private static final float TOL = 2e-5f;
  private final Kernels fast = new VectorKernels();
  private final Kernels ref = new Nd4jKernels(DataType.FLOAT);

  private static INDArray random(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.FLOAT, shape);
  }

  /** A {@code [rows, cols]} view at a non-zero offset of a larger flat buffer, like a parameter view. */
  private static INDArray offsetView(long seed, int rows, int cols) {
    INDArray flat = random(seed, 1, 7 + (long) rows * cols);
    return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + (long) rows * cols)).reshape(rows, cols);
  }

  private static void same(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.dup().reshape(-1).toFloatVector(), actual.dup().reshape(-1).toFloatVector(), TOL * Math.max(1, expected.amaxNumber().floatValue()), what);
  }

  @Test
  void sumOfSquaresMatchesOnViewsAndSeesNonFiniteValues() {
    INDArray a = offsetView(14, 7, 37);
    assertEquals(ref.sumOfSquares(a), fast.sumOfSquares(a), 1e-5 * ref.sumOfSquares(a));
    a.putScalar(3, 5, Float.NaN);
    assertEquals(Double.NaN, fast.sumOfSquares(a));
  }

  @Test
  void gemmMatchesForEveryTransposeAndOffsetViews() {
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        INDArray a = ta ? random(1, 37, 5) : random(1, 5, 37);
        INDArray b = tb ? offsetView(2, 19, 37) : offsetView(2, 37, 19);
        INDArray c1 = random(3, 5, 19);
        INDArray c2 = c1.dup();
        ref.gemm(a, b, c1, ta, tb, 0.7, 0.3);
        fast.gemm(a, b, c2, ta, tb, 0.7, 0.3);
        same(c1, c2, "gemm transA=" + ta + " transB=" + tb);
      }
    }
  }

  /** In a model with convolutions the large products split their rows in two halves: the same product, the same bits in a worker. */
  @Test
  void splitProductsMatchForEveryTransposeAndInAWorker() {
    VectorKernels planned = new VectorKernels();
    planned.planConvolutions();
    Kernels worker = planned.workers(1).get(0);
    worker.planConvolutions();
    try {
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          int m = 131;  // odd: halves of 65 and 66 rows
          int k = 300;
          int n = 70;
          INDArray a = ta ? offsetView(1, k, m) : offsetView(1, m, k);
          INDArray b = tb ? random(2, n, k) : random(2, k, n);
          INDArray[] c = {random(3, m, n), null, null};
          c[1] = c[0].dup();
          c[2] = c[0].dup();
          ref.gemm(a, b, c[0], ta, tb, 0.7, 0.3);
          planned.gemm(a, b, c[1], ta, tb, 0.7, 0.3);
          worker.gemm(a, b, c[2], ta, tb, 0.7, 0.3);
          same(c[0], c[1], "split gemm transA=" + ta + " transB=" + tb);
          assertArrayEquals(c[1].data().asFloat(), c[2].data().asFloat(), "in a worker, transA=" + ta + " transB=" + tb);
        }
      }
    } finally {
      planned.endWorkers();
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void biasActivationAndItsBackwardMatch(Activation act) {
    activationsMatch(act, 6, 37, true);
    activationsMatch(act, 6, 37, false);  // no bias, no bias gradient (a convolution adds its own)
    activationsMatch(act, 9, 29_131, true);  // columns split over two cores, odd widths
  }

  private void activationsMatch(Activation act, int rows, int cols, boolean withBias) {
    String what = act + " " + rows + "x" + cols + (withBias ? "" : " without bias");
    INDArray pre = random(4, rows, cols);
    INDArray bias = withBias ? offsetView(5, 1, cols) : null;
    INDArray dOut = random(6, rows, cols);
    INDArray dBias = withBias ? random(7, 1, cols) : null;
    INDArray[] expected = activations(ref, act, pre, bias, dOut, dBias);
    INDArray[] actual = activations(fast, act, pre, bias, dOut, dBias);
    String[] names = {"pre + bias", "forward", "backward", "bias gradient (accumulated)"};
    for (int i = 0; i < (withBias ? 4 : 3); i++) same(expected[i], actual[i], names[i] + ", " + what);
    Kernels single = fast.workers(1).get(0);  // a worker keeps to one core: the same bits as the column split
    try {
      INDArray[] oneCore = activations(single, act, pre, bias, dOut, dBias);
      for (int i = 0; i < (withBias ? 4 : 3); i++) {
        assertArrayEquals(actual[i].data().asFloat(), oneCore[i].data().asFloat(), names[i] + " on one core, " + what);
      }
    } finally {
      fast.endWorkers();
    }
  }

  /** IDENTITY in place, as Dense runs its output layer: out is pre, dPre is dOut. */
  @Test
  void identityInPlaceMatches() {
    INDArray[] expected = identityInPlace(ref);
    INDArray[] actual = identityInPlace(fast);
    String[] names = {"pre + bias", "dOut", "bias gradient"};
    for (int i = 0; i < 3; i++) same(expected[i], actual[i], names[i] + ", identity in place");
  }

  private static INDArray[] identityInPlace(Kernels k) {
    INDArray p = random(4, 7, 45);
    INDArray d = random(6, 7, 45);
    INDArray db = random(7, 1, 45);
    k.biasActivation(p, offsetView(5, 1, 45), Activation.IDENTITY, p);
    k.activationBackward(d, p, p, Activation.IDENTITY, d, db);
    return new INDArray[] {p, d, db};
  }

  /** pre + bias, act(pre + bias), dPre and dBias + column sums of dPre (null without a bias), on copies. */
  private static INDArray[] activations(Kernels k, Activation act, INDArray pre, INDArray bias, INDArray dOut,
      INDArray dBias) {
    INDArray p = pre.dup();
    INDArray out = p.ulike();
    k.biasActivation(p, bias, act, out);
    INDArray dPre = p.ulike();
    INDArray db = dBias == null ? null : dBias.dup();
    k.activationBackward(dOut, p, out, act, dPre, db);
    return new INDArray[] {p, out, dPre, db};
  }

  @Test
  void likelihoodsMatchInValueGradientAndPerExampleSums() {
    INDArray logits = random(8, 5, 37).muli(4);
    INDArray x = Nd4j.rand(DataType.FLOAT, 5, 37);
    INDArray g1 = Nd4j.create(DataType.FLOAT, 5, 37);
    INDArray g2 = g1.dup();
    INDArray per1 = Nd4j.create(DataType.FLOAT, 5);
    INDArray per2 = per1.dup();
    double v1 = ref.bernoulliLogLikelihood(logits, x, g1, -0.5, per1);
    double v2 = fast.bernoulliLogLikelihood(logits, x, g2, -0.5, per2);
    assertEquals(v1, v2, 1e-4 * Math.abs(v1));
    same(g1, g2, "bernoulli gradient");
    same(per1, per2, "bernoulli per example");
    // value only, into an interval of a longer vector (as the model passes it): the fast path takes
    // such views (ND4J calls them 'f'-ordered) and leaves the zero gradient unwritten
    INDArray untouched = Nd4j.valueArrayOf(new long[] {5, 37}, 9f, DataType.FLOAT);
    INDArray perView = Nd4j.create(DataType.FLOAT, 8).get(NDArrayIndex.interval(0, 5));
    assertEquals(v1, fast.bernoulliLogLikelihood(logits, x, untouched, 0.0, perView), 1e-4 * Math.abs(v1));
    same(per1, perView, "bernoulli per example, value only");
    assertEquals(9f, untouched.maxNumber().floatValue(), "fast path taken: gradient not written");
    assertEquals(9f, untouched.minNumber().floatValue(), "fast path taken: gradient not written");
    v1 = ref.gaussianLogLikelihood(logits, x, 0.3, g1, 2.0, per1);
    v2 = fast.gaussianLogLikelihood(logits, x, 0.3, g2, 2.0, per2);
    assertEquals(v1, v2, 1e-4 * Math.abs(v1));
    same(g1, g2, "gaussian gradient");
    same(per1, per2, "gaussian per example");
  }

  /** One piece of heap copies; several, the last one partial; a row longer than a piece. */
  @ParameterizedTest
  @CsvSource({"6, 20", "30, 20", "3, 300"})
  void klReparameterisationSigmoidMatch(int rows, int cols) {
    INDArray mu = random(9, rows, cols);
    INDArray lv = random(10, rows, cols).muli(0.5);
    INDArray eps = random(11, rows, cols);
    INDArray[] g1 = {random(12, rows, cols), random(13, rows, cols)};
    INDArray[] g2 = {g1[0].dup(), g1[1].dup()};
    INDArray per1 = Nd4j.create(DataType.FLOAT, rows);
    INDArray per2 = per1.dup();
    double kl = ref.standardNormalKl(mu, lv, g1[0], g1[1], 0.3, per1);
    assertEquals(kl, fast.standardNormalKl(mu, lv, g2[0], g2[1], 0.3, per2), 1e-4 + 2e-6 * kl);  // float vs double sum
    same(g1[0], g2[0], "dKL/dmu");
    same(g1[1], g2[1], "dKL/dlogvar");
    same(per1, per2, "KL per example");
    INDArray z1 = Nd4j.create(DataType.FLOAT, rows, cols);
    INDArray z2 = z1.dup();
    ref.reparameterize(mu, lv, eps, z1);
    fast.reparameterize(mu, lv, eps, z2);
    same(z1, z2, "z");
    ref.reparameterizeBackward(z1, lv, eps, g1[0], g1[1]);
    fast.reparameterizeBackward(z2, lv, eps, g2[0], g2[1]);
    same(g1[0], g2[0], "reparameterisation dmu");
    same(g1[1], g2[1], "reparameterisation dlogvar");
    ref.sigmoid(mu, z1);
    fast.sigmoid(mu, z2);
    same(z1, z2, "sigmoid");
    INDArray[] gated1 = {Nd4j.create(DataType.FLOAT, rows, cols), Nd4j.create(DataType.FLOAT, rows, cols)};
    INDArray[] gated2 = {gated1[0].dup(), gated1[1].dup()};
    ref.gate(mu, lv.mul(6), gated1[0], gated1[1]);
    fast.gate(mu, lv.mul(6), gated2[0], gated2[1]);
    same(gated1[0], gated2[0], "gate's sigmoid");
    same(gated1[1], gated2[1], "gated output");
    ref.gateBackward(eps, mu, gated1[0], g1[0], g1[1]);
    fast.gateBackward(eps, mu, gated1[0], g2[0], g2[1]);
    same(g1[0], g2[0], "gate d value");
    same(g1[1], g2[1], "gate d pre-activation");
  }

  @Test
  void adamAndDenormalFlushMatch() {
    adamMatches(101);
    adamMatches(70_001);  // split over two cores, the second half not vector-aligned at its end
    INDArray tiny = Nd4j.createFromArray(new float[] {1e-31f, -1e-32f, 1e-29f, 0.5f, -2e-31f, 3f, 1e-35f, 1f, 2f,
        1e-40f, 5f, 6f, 7f, 8f, 9f, 10f, -1e-33f, 11f});
    fast.flushDenormals(tiny);
    assertArrayEquals(new float[] {0, 0, 1e-29f, 0.5f, 0, 3f, 0, 1f, 2f, 0, 5f, 6f, 7f, 8f, 9f, 10f, 0, 11f},
        tiny.toFloatVector());
  }

  /** Two copies of parameters and Adam moments, stepped two ways, then compared. */
  private record AdamPair(INDArray p1, INDArray p2, INDArray[] s1, INDArray[] s2) {
    static AdamPair of(INDArray params) {
      int n = (int) params.length();
      INDArray[] s1 = {Nd4j.create(DataType.FLOAT, 1, n), Nd4j.create(DataType.FLOAT, 1, n)};
      return new AdamPair(params, params.dup(), s1, new INDArray[] {s1[0].dup(), s1[1].dup()});
    }

    void assertSame() {
      same(p1, p2, "parameters");
      same(s1[0], s2[0], "first moment");
      same(s1[1], s2[1], "second moment");
    }
  }

  /** The per-tensor division folded into the update is the update of dividing first (tensors across the split, tails). */
  @Test
  void adamWithPerTensorDivisorsIsDivisionThenAdam() {
    int n = 70_001;
    long[] ends = {5, 37_003, 69_990, n};
    double[] divisors = {3.0, 0.25, 17.5, 1e-3};
    AdamPair t = AdamPair.of(random(14, 1, n));
    for (int step = 1; step <= 3; step++) {
      INDArray g = random(20 + step, 1, n);
      INDArray divided = g.dup();
      long from = 0;
      for (int tensor = 0; tensor < ends.length; tensor++) {
        divided.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, ends[tensor])).divi(divisors[tensor]);
        from = ends[tensor];
      }
      fast.adam(t.p1(), divided, t.s1()[0], t.s1()[1], 1e-2, 0.9, 0.999, 1e-8, step);
      fast.adam(t.p2(), g, t.s2()[0], t.s2()[1], 1e-2, 0.9, 0.999, 1e-8, step, ends, divisors);
    }
    t.assertSame();
  }

  /** The squares summed by the update: the same update to the bit, Σ g² as a pass of its own finds it, a NaN seen. */
  @Test
  void adamReadingSquaresIsAdamAndTheSumOfSquares() {
    for (int n : new int[] {37, 70_001}) {  // one core with a tail; both halves of the split with tails
      AdamPair t = AdamPair.of(random(14, 1, n));
      for (int step = 1; step <= 3; step++) {
        INDArray g = random(20 + step, 1, n);
        fast.adam(t.p1(), g, t.s1()[0], t.s1()[1], 1e-2, 0.9, 0.999, 1e-8, step);
        double squares = fast.adamReadingSquares(t.p2(), g, t.s2()[0], t.s2()[1], 1e-2, 0.9, 0.999, 1e-8, step);
        assertEquals(fast.sumOfSquares(g), squares, 1e-5 * squares, "n " + n + ", step " + step);
      }
      t.assertSame();
      for (int at : new int[] {n - 1, n / 3}) {  // in the tail, then in a vector of the lower half
        INDArray g = random(30, 1, n);
        g.putScalar(at, Float.NaN);
        assertTrue(Double.isNaN(fast.adamReadingSquares(t.p2(), g, t.s2()[0], t.s2()[1], 1e-2, 0.9, 0.999, 1e-8, 4)), "NaN at " + at);
      }
    }
  }

  private void adamMatches(int n) {
    AdamPair t = AdamPair.of(offsetView(14, 1, n));
    for (int step = 1; step <= 5; step++) {
      INDArray g = random(20 + step, 1, n);
      ref.adam(t.p1(), g, t.s1()[0], t.s1()[1], 1e-2, 0.9, 0.999, 1e-8, step);
      fast.adam(t.p2(), g, t.s2()[0], t.s2()[1], 1e-2, 0.9, 0.999, 1e-8, step);
    }
    t.assertSame();
  }

  @Test
  void convolutionsMatchLibnd4j() {
    ConvGeometry[] cases = {
        new ConvGeometry(2, 8, 8, 3, 4, 2, 1, false),  // the default CNN's shape of layer
        new ConvGeometry(3, 7, 6, 2, 3, 2, 1, false),  // odd sizes, uneven grid
        new ConvGeometry(2, 5, 5, 4, 3, 1, 0, false),
        new ConvGeometry(3, 4, 4, 2, 4, 2, 1, true),   // transposed: 4x4 -> 8x8
        new ConvGeometry(2, 3, 5, 3, 3, 2, 1, true),
        new ConvGeometry(20, 6, 6, 17, 4, 2, 1, false),  // more channels than a vector's lanes: gathers and a tail
        new ConvGeometry(19, 3, 3, 18, 4, 2, 1, true),
        new ConvGeometry(1, 8, 8, 3, 4, 2, 1, false),  // one-channel images, image by image
        new ConvGeometry(1, 7, 6, 20, 3, 2, 1, false),
        new ConvGeometry(1, 5, 5, 4, 3, 1, 0, false),
        new ConvGeometry(17, 4, 4, 1, 4, 2, 1, true),
        new ConvGeometry(2, 3, 5, 1, 3, 2, 1, true)};
    for (ConvGeometry g : cases) {
      int n = 3;
      INDArray in = offsetView(31, n, (int) g.inputSize());
      INDArray w = random(32, g.weightShape());
      INDArray b = random(33, g.outChannels());
      INDArray dOut = random(34, n, g.outputSize());
      INDArray[] o = {Nd4j.create(DataType.FLOAT, n, g.outputSize()), Nd4j.create(DataType.FLOAT, n, g.outputSize())};
      ref.convolution(in, w, b, o[0], g);
      fast.convolution(in, w, b, o[1], g);
      same(o[0], o[1], "output of " + g);
      INDArray[] dIn = {Nd4j.create(DataType.FLOAT, n, g.inputSize()), Nd4j.create(DataType.FLOAT, n, g.inputSize())};
      INDArray[] dW = {Nd4j.create(DataType.FLOAT, g.weightShape()), random(35, g.weightShape())};  // overwritten
      INDArray[] dB = {Nd4j.create(DataType.FLOAT, g.outChannels()), random(36, g.outChannels())};
      for (int i = 0; i < 2; i++) (i == 0 ? ref : fast).convolutionBackward(in, w, b, dOut, dIn[i], dW[i], dB[i], g);
      same(dIn[0], dIn[1], "input gradient of " + g);
      same(dW[0], dW[1], "weight gradient of " + g);
      same(dB[0], dB[1], "bias gradient of " + g);
      oneCoreGivesTheSameBits(in, w, b, dOut, o[1], dIn[1], dW[1], g);
      reluAsItWritesGivesTheBitsOfASeparatePass(in, w, b, o[1], g);
      reluMaskAsItReadsGivesTheBitsOfASeparatePass(in, w, b, dOut, g);
    }
  }

  /** The backward pass through the ReLU, its mask applied as dOut is read, against the activation's own pass first. */
  private void reluMaskAsItReadsGivesTheBitsOfASeparatePass(INDArray in, INDArray w, INDArray b, INDArray dOut,
      ConvGeometry g) {
    INDArray out = dOut.ulike();
    fast.convolution(in, w, b, out, g, Activation.RELU);
    INDArray dPre = dOut.ulike();
    fast.activationBackward(dOut, out, out, Activation.RELU, dPre, null);
    assertTrue(dPre.eq(0).castTo(DataType.INT).sumNumber().intValue() > 0 && dPre.neq(0).castTo(DataType.INT).sumNumber().intValue() > 0,
        "a mask with both sides, " + g);
    for (boolean inputGradient : new boolean[] {true, false}) {
      INDArray[] dIn = {inputGradient ? in.ulike() : null, inputGradient ? in.ulike() : null};
      INDArray[] dW = {Nd4j.create(DataType.FLOAT, g.weightShape()), Nd4j.create(DataType.FLOAT, g.weightShape())};
      INDArray[] dB = {Nd4j.create(DataType.FLOAT, g.outChannels()), Nd4j.create(DataType.FLOAT, g.outChannels())};
      fast.convolutionBackward(in, w, b, dPre, dIn[0], dW[0], dB[0], g);
      fast.convolutionBackward(in, w, b, out, dOut, dOut.ulike(), Activation.RELU, dIn[1], dW[1], dB[1], g);
      if (inputGradient) assertArrayEquals(dIn[0].data().asFloat(), dIn[1].data().asFloat(), "input gradient through the ReLU, " + g);
      assertArrayEquals(dW[0].data().asFloat(), dW[1].data().asFloat(), "weight gradient through the ReLU, " + g);
      assertArrayEquals(dB[0].data().asFloat(), dB[1].data().asFloat(), "bias gradient through the ReLU, " + g);
    }
  }

  /** A convolution's backward pass takes the patches its forward pass kept only when given that pass's input. */
  @Test
  void theBackwardPassReusesTheForwardsPatchesOnlyForItsInput() {
    theBackwardPassReusesWhatItsForwardKeptOnlyForItsInput(new ConvGeometry(3, 7, 6, 2, 3, 2, 1, false));
    theBackwardPassReusesWhatItsForwardKeptOnlyForItsInput(new ConvGeometry(2, 3, 5, 3, 3, 2, 1, true));
  }

  private void theBackwardPassReusesWhatItsForwardKeptOnlyForItsInput(ConvGeometry g) {
    int n = 4;
    INDArray[] in = {random(41, n, g.inputSize()), random(42, n, g.inputSize())};
    INDArray w = random(43, g.weightShape());
    INDArray b = random(44, g.outChannels());
    INDArray dOut = random(45, n, g.outputSize());
    INDArray out = dOut.ulike();
    float[][] expected = new float[2][];
    Kernels single = fast.workers(1).get(0);  // a worker keeps no patches
    try {
      for (int i = 0; i < 2; i++) expected[i] = weightGradient(single, in[i], w, b, dOut, g);
    } finally {
      fast.endWorkers();
    }
    fast.convolution(in[1], w, b, out, g);
    assertArrayEquals(expected[0], weightGradient(fast, in[0], w, b, dOut, g), "after a forward pass of another input, " + g);
    fast.convolution(in[0], w, b, out, g);
    fast.convolution(in[1], w, b, out, g);
    assertArrayEquals(expected[1], weightGradient(fast, in[1], w, b, dOut, g), "after the forward pass of this input, " + g);
    assertArrayEquals(expected[1], weightGradient(fast, in[1], w, b, dOut, g), "a second backward pass, " + g);
    assertTrue(!java.util.Arrays.equals(expected[0], expected[1]), "the two inputs give different gradients");
  }

  private static float[] weightGradient(Kernels k, INDArray in, INDArray w, INDArray b, INDArray dOut, ConvGeometry g) {
    INDArray dW = Nd4j.create(DataType.FLOAT, g.weightShape());
    k.convolutionBackward(in, w, b, dOut, in.ulike(), dW, Nd4j.create(DataType.FLOAT, g.outChannels()), g);
    return dW.data().asFloat();
  }

  /** The fused ReLU (with and without a bias) against the convolution followed by the activation pass. */
  private void reluAsItWritesGivesTheBitsOfASeparatePass(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g) {
    for (INDArray bias : new INDArray[] {b, null}) {
      INDArray apart = out.ulike();
      fast.convolution(in, w, bias, apart, g);
      fast.biasActivation(apart, null, Activation.RELU, apart);
      INDArray fused = out.ulike();
      fast.convolution(in, w, bias, fused, g, Activation.RELU);
      assertArrayEquals(apart.data().asFloat(), fused.data().asFloat(), "ReLU as the convolution writes, " + g);
      assertTrue(fused.minNumber().floatValue() >= 0 && apart.maxNumber().floatValue() > 0, "a ReLU's output, " + g);
    }
  }

  /** The unrolling splits over two cores; a worker instance keeps to one: the bits must not change. */
  private void oneCoreGivesTheSameBits(INDArray in, INDArray w, INDArray b, INDArray dOut, INDArray out, INDArray dIn,
      INDArray dW, ConvGeometry g) {
    INDArray out1 = out.ulike();
    INDArray dIn1 = dIn.ulike();
    INDArray dW1 = dW.ulike();
    INDArray dB1 = Nd4j.create(DataType.FLOAT, g.outChannels());
    Kernels single = fast.workers(1).get(0);
    try {
      single.convolution(in, w, b, out1, g);
      single.convolutionBackward(in, w, b, dOut, dIn1, dW1, dB1, g);
    } finally {
      fast.endWorkers();
    }
    assertArrayEquals(out.data().asFloat(), out1.data().asFloat(), "output on one core, " + g);
    assertArrayEquals(dIn.data().asFloat(), dIn1.data().asFloat(), "input gradient on one core, " + g);
    assertArrayEquals(dW.data().asFloat(), dW1.data().asFloat(), "weight gradient on one core, " + g);
  }
}
