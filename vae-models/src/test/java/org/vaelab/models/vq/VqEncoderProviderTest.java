package org.vaelab.models.vq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.spi.DataShape;
import org.vaelab.api.testkit.EncoderContract;
import org.vaelab.api.testkit.Fixtures;

class VqEncoderProviderTest extends EncoderContract<VqEncoderConfig, VqEncoderProvider> {
  @Override protected VqEncoderProvider provider() { return new VqEncoderProvider(); }

  @Override protected VqEncoderConfig tinyConfig() {
    return new VqEncoderConfig("mlp", List.of(5), List.of(), 4, 2, 1, Activation.TANH, 2, 2, 4, 0.25, false, 0.99, 0);
  }

  @Override protected boolean straightThrough() { return true; }

  @Override protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("backbone", "rnn"), Map.of("codes", 1), Map.of("slots", 0), Map.of("decay", 1.0),
        Map.of("commitment", -1), Map.of("resetEvery", -1), Map.of("hiddenDims", List.of()));
  }

  private static final double[][] BOOK = {{0, 0}, {1, 1}, {-1, 2}};

  @Test
  void eachSlotTakesItsNearestCodeAndUsageGivesThePerplexity() {
    Quantizer q = new Quantizer(2, 2, 3, 0.25);
    double[][] ze = {{0.9, 1.2, -0.1, 0.1}, {-0.8, 1.9, 1.1, 0.8}};
    double[][] zq = new double[2][4];
    q.quantize(ze, BOOK, zq);
    assertArrayEquals(new int[] {1, 0}, q.assignment()[0]);
    assertArrayEquals(new int[] {2, 1}, q.assignment()[1]);
    assertArrayEquals(new double[] {1, 1, 0, 0}, zq[0]);
    // usage: code 1 twice, codes 0 and 2 once: p = (1/4, 1/2, 1/4), perplexity = exp(1.5 log 2) = 2^1.5
    assertEquals(Math.pow(2, 1.5), q.perplexity(), 1e-12);
    assertEquals(1.0, q.usedFraction(), 1e-12);
  }

  @Test
  void theGradientIsStraightThroughPlusCommitmentAndTheCodebookMovesToItsInputs() {
    Quantizer q = new Quantizer(1, 2, 3, 0.25);
    double[][] ze = {{0.9, 1.2}, {1.1, 0.8}};
    double[][] zq = new double[2][2];
    q.quantize(ze, BOOK, zq);
    double[][] dZq = {{0.5, -1}, {2, 3}};
    double[][] dZe = new double[2][2];
    double[][] dBook = new double[3][2];
    q.backward(ze, zq, dZq, dZe, dBook);
    // dZe = dZq + 2·0.25/2·(ze − zq)
    assertEquals(0.5 + 0.25 * (0.9 - 1), dZe[0][0], 1e-12);
    assertEquals(3 + 0.25 * (0.8 - 1), dZe[1][1], 1e-12);
    // codebook loss (1/n)Σ||sg(ze) − e||²: d/de_1 = (2/2)·Σ(e_1 − ze) = (1 − 0.9) + (1 − 1.1) = 0, (1 − 1.2) + (1 − 0.8) = 0
    assertEquals(0.0, dBook[1][0], 1e-12);
    assertEquals(0.0, dBook[1][1], 1e-12);
    assertEquals(0.0, dBook[0][0] + dBook[2][0], 1e-12, "unassigned codes get no gradient");
  }

  /**
   * The whole backward (backbone, head, codebook) against finite differences of the loss it is the
   * gradient of: with the codes held at their assignment, S = Σ G·z_e + β/n·Σ||z_e − sg(z_q)||² +
   * 1/n·Σ||sg(z_e) − e_k||², the straight-through surrogate of Σ G·z_q plus both VQ losses.
   */
  @Test
  void theWholeBackwardIsTheGradientOfTheStraightThroughSurrogate() {
    Kernels k = Fixtures.doubleKernels();
    VqEncoderConfig c = tinyConfig();
    VqEncoder e = (VqEncoder) provider().build(c, DataShape.flat(6));
    ParameterStore store = ParameterStore.allocate(List.of(e), k);
    store.initialise(3);
    e.plan(3, k);
    org.nd4j.linalg.api.ndarray.INDArray x = Fixtures.uniform(k, 4, 0, 1, 3, 6);
    e.forward(x);
    double[][] ze0 = copy(e.unquantized());
    double[][] zq0 = org.vaelab.api.engine.HostArrays.readRows(e.mean(), null);
    int[][] codes = copy(e.assignment());
    org.nd4j.linalg.api.ndarray.INDArray g = Fixtures.normal(k, 5, 3, e.latentDim());
    e.backward(g, k.create(3, e.latentDim()));
    org.nd4j.linalg.api.ndarray.INDArray analytic = store.grads().dup();
    org.nd4j.linalg.api.ndarray.INDArray book = store.valueViews().get(e.params().size() - 3);
    double[][] gRows = org.vaelab.api.engine.HostArrays.readRows(g, null);
    int n = ze0.length;
    double err = org.vaelab.api.testkit.GradientCheck.maxRelativeError(store.values(), analytic, () -> {
      e.forward(x);
      double[][] ze = e.unquantized();
      double s = 0;
      for (int b = 0; b < n; b++) {
        for (int i = 0; i < e.latentDim(); i++) {
          s += gRows[b][i] * ze[b][i] + c.commitment() / n * Math.pow(ze[b][i] - zq0[b][i], 2);
        }
        for (int j = 0; j < c.slots(); j++) {
          for (int d = 0; d < c.codeDim(); d++) {
            s += Math.pow(ze0[b][j * c.codeDim() + d] - book.getDouble(codes[b][j], d), 2) / n;
          }
        }
      }
      return s;
    });
    assertTrue(err < 1e-5, "max relative error " + err);
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
    return out;
  }

  private static int[][] copy(int[][] a) {
    int[][] out = new int[a.length][];
    for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
    return out;
  }

  @Test
  void emaMovesAnAssignedCodeTowardsTheMeanOfItsInputsAndLeavesOthers() {
    Quantizer q = new Quantizer(1, 2, 3, 0.25);
    double[][] ze = {{0.9, 1.2}, {1.3, 1.0}};
    double[][] book = {BOOK[0].clone(), BOOK[1].clone(), BOOK[2].clone()};
    q.quantize(ze, book, new double[2][2]);
    double[] count = new double[3];
    double[][] sum = new double[3][2];
    q.emaUpdate(ze, book, count, sum, 0.5);
    // code 1: count = 0.5·1 + 0.5·2 = 1.5, sum = 0.5·(1, 1) + 0.5·(2.2, 2.2) = (1.6, 1.6)
    assertEquals(1.5, count[1], 1e-12);
    assertEquals(1.6 / 1.5, book[1][0], 1e-4);
    assertEquals(BOOK[2][1], book[2][1], 1e-4, "an unused code stays put");
  }

  @Test
  void deadCodesAreMovedOntoEncoderOutputs() {
    Quantizer q = new Quantizer(1, 2, 3, 0.25);
    double[][] ze = {{0.9, 1.2}, {1.3, 1.0}};
    double[][] book = {BOOK[0].clone(), BOOK[1].clone(), BOOK[2].clone()};
    q.quantize(ze, book, new double[2][2]);
    assertEquals(2, q.resetDeadCodes(ze, book, new java.util.Random(1)));
    for (int k : new int[] {0, 2}) assertTrue(java.util.Arrays.equals(book[k], ze[0]) || java.util.Arrays.equals(book[k], ze[1]));
  }

  @Test
  void theEncoderOutputsTheCodebookVectorsOfItsCategoricalPosteriorsCodes() {
    Kernels k = Fixtures.doubleKernels();
    Encoder e = provider().build(tinyConfig(), DataShape.flat(6));
    ParameterStore store = ParameterStore.allocate(List.of(e), k);
    store.initialise(1);
    e.plan(3, k);
    e.forward(Fixtures.uniform(k, 2, 0, 1, 3, 6));
    var family = (org.vaelab.api.engine.PosteriorFamily.Categorical) e.family();
    assertEquals(2, family.slots());
    assertEquals(4, family.codes());
    int[][] codes = family.book().lastCodes();
    assertEquals(3, codes.length);
    var book = store.valueViews().get(store.valueViews().size() - 3);
    for (int b = 0; b < 3; b++) {
      for (int j = 0; j < 2; j++) {
        var slot = e.mean().get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
            org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * j, 2 * j + 2));
        assertTrue(slot.equalsWithEps(book.getRow(codes[b][j]), 1e-12), "slot " + j + " of row " + b + " is its code");
      }
    }
    var z = k.create(3, 4);
    family.book().embed(codes, z);
    assertTrue(z.equalsWithEps(e.mean(), 1e-12), "embedding the codes gives z back");
    assertTrue(e.diagnostics().containsKey("vq/perplexity"));
  }

  @Test
  void theCodeSearchAsOneFloatProductFindsTheNearestCodeOfEverySlot() {
    Kernels k = new org.vaelab.api.engine.Nd4jKernels(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    VqEncoderConfig c = new VqEncoderConfig("mlp", List.of(7), List.of(), 4, 2, 1, Activation.TANH, 3, 4, 32, 0.25,
        false, 0.99, 0);
    VqEncoder e = (VqEncoder) provider().build(c, DataShape.flat(6));
    ParameterStore store = ParameterStore.allocate(List.of(e), k);
    store.initialise(4);
    store.valueViews().get(store.valueViews().size() - 3).muli(32);  // codes spread like the encoder's outputs
    e.plan(50, k);
    e.forward(Fixtures.uniform(k, 5, -1, 1, 50, 6));
    double[][] book = store.valueViews().get(store.valueViews().size() - 3).toDoubleMatrix();
    double[][] zq = e.mean().toDoubleMatrix();
    double[][] ze = e.unquantized();
    for (int b = 0; b < 50; b++) {
      for (int j = 0; j < 3; j++) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] code : book) best = Math.min(best, squaredDistance(ze[b], j, code));
        assertEquals(best, squaredDistance(ze[b], j, java.util.Arrays.copyOfRange(zq[b], 4 * j, 4 * j + 4)), 1e-5,
            "slot " + j + " of row " + b + " takes its nearest code");
      }
    }
  }

  private static double squaredDistance(double[] ze, int slot, double[] code) {
    double s = 0;
    for (int d = 0; d < code.length; d++) s += (ze[4 * slot + d] - code[d]) * (ze[4 * slot + d] - code[d]);
    return s;
  }

  @Test
  void aCnnBackboneQuantisesImageFeatures() {
    Kernels k = Fixtures.doubleKernels();
    VqEncoderConfig c = new VqEncoderConfig("cnn", List.of(), List.of(2), 4, 2, 1, Activation.RELU, 3, 2, 5, 0.25, true,
        0.99, 10);
    Encoder e = provider().build(c, DataShape.image(1, 4, 4));
    ParameterStore.allocate(List.of(e), k).initialise(1);
    e.plan(2, k);
    e.forward(Fixtures.uniform(k, 2, 0, 1, 2, 16));
    assertEquals(6, e.mean().size(1));
    e.backward(Fixtures.normal(k, 3, 2, 6), k.create(2, 6));
  }
}
