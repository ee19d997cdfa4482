package org.vaelab.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.testkit.Fixtures;

class Nd4jKernelsTest {
  private final Kernels k = Fixtures.doubleKernels();

  @Test
  void bernoulliLogLikelihoodMatchesHandComputedValues() {
    INDArray logits = Nd4j.create(new double[][] {{0.0, 2.0}, {-1.0, 30.0}});
    INDArray x = Nd4j.create(new double[][] {{1.0, 0.0}, {0.25, 1.0}});
    INDArray d = k.create(2, 2);
    INDArray per = k.create(2);
    double ll = k.bernoulliLogLikelihood(logits, x, d, 1.0, per);
    // x*l - log(1 + e^l)
    double r0 = (0 - Math.log(2)) + (0 - Math.log1p(Math.exp(2)));
    double r1 = (-0.25 - Math.log1p(Math.exp(-1))) + (30 - (30 + Math.log1p(Math.exp(-30))));
    assertEquals(r0, per.getDouble(0), 1e-9);
    assertEquals(r1, per.getDouble(1), 1e-9);
    assertEquals(r0 + r1, ll, 1e-9);
    assertEquals(1 - 0.5, d.getDouble(0, 0), 1e-12);
    assertEquals(0.25 - 1 / (1 + Math.exp(1)), d.getDouble(1, 0), 1e-12);
  }

  @Test
  void gaussianLogLikelihoodMatchesHandComputedValues() {
    INDArray mean = Nd4j.create(new double[][] {{0.0, 1.0}});
    INDArray x = Nd4j.create(new double[][] {{0.5, -1.0}});
    INDArray d = k.create(1, 2);
    double sigma = 0.5;
    double ll = k.gaussianLogLikelihood(mean, x, sigma, d, 2.0, null);
    double expected = 0;
    for (double r : new double[] {0.5, -2.0}) {
      expected += -0.5 * r * r / (sigma * sigma) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    }
    assertEquals(expected, ll, 1e-12);
    assertEquals(2.0 * 0.5 / 0.25, d.getDouble(0, 0), 1e-12);
  }

  @Test
  void analyticKlMatchesAMonteCarloEstimateAndIsNonNegative() {
    INDArray mu = Nd4j.create(new double[][] {{0.7, -1.2}});
    INDArray lv = Nd4j.create(new double[][] {{-0.5, 0.8}});
    INDArray per = k.create(1);
    double kl = k.standardNormalKl(mu, lv, k.create(1, 2), k.create(1, 2), 1.0, per);
    assertTrue(kl >= 0);
    // E_q[log q(z) - log p(z)] with 200k draws
    int n = 200_000;
    INDArray eps = Fixtures.normal(k, 1, n, 2);
    INDArray sd = Nd4j.math().exp(lv.mul(0.5));
    INDArray z = eps.mulRowVector(sd).addRowVector(mu);
    INDArray logQ = eps.mul(eps).muli(-0.5).subRowVector(lv.mul(0.5)).sum(1);
    INDArray logP = z.mul(z).muli(-0.5).sum(1);
    double mc = logQ.sub(logP).meanNumber().doubleValue();
    assertEquals(mc, kl, 0.02);
    assertEquals(0.0, k.standardNormalKl(k.create(1, 2), k.create(1, 2), k.create(1, 2), k.create(1, 2), 1, null), 1e-12);
  }

  @Test
  void firstAdamStepMovesEachParameterByLearningRateAgainstItsGradient() {
    INDArray p = Nd4j.create(new double[] {1.0, -2.0, 3.0});
    INDArray g = Nd4j.create(new double[] {0.5, -4.0, 0.0});
    k.adam(p, g, k.create(3), k.create(3), 0.1, 0.9, 0.999, 1e-8, 1);
    assertEquals(0.9, p.getDouble(0), 1e-6);
    assertEquals(-1.9, p.getDouble(1), 1e-6);
    assertEquals(3.0, p.getDouble(2), 1e-12);
  }

  @Test
  void flushDenormalsZeroesTinyValuesOnly() {
    INDArray a = Nd4j.create(new float[] {1e-38f, -1e-35f, 1e-20f, 0.5f});
    new Nd4jKernels(DataType.FLOAT).flushDenormals(a);
    assertEquals(Nd4j.create(new float[] {0f, 0f, 1e-20f, 0.5f}), a);
  }

  @Test
  void reparameterizationUsesTheStandardDeviation() {
    INDArray mu = Nd4j.create(new double[][] {{1.0}});
    INDArray lv = Nd4j.create(new double[][] {{Math.log(4.0)}});
    INDArray z = k.create(1, 1);
    k.reparameterize(mu, lv, Nd4j.create(new double[][] {{0.5}}), z);
    assertEquals(2.0, z.getDouble(0, 0), 1e-12);
  }
}
