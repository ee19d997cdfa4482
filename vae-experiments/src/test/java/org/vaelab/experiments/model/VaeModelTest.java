package org.vaelab.experiments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.LikelihoodProvider;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.api.spi.PriorProvider;
import org.vaelab.api.testkit.Fixtures;

class VaeModelTest {
  private static final int B = 5;
  private static final int D = 6;
  private static final int LATENT = 2;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static VaeModel tinyModel(Kernels k, long seed) {
    PluginRegistry r = PluginRegistry.load();
    PriorProvider pp = r.get(PluginKind.PRIOR, "standard-normal", PriorProvider.class);
    LikelihoodProvider lp = r.get(PluginKind.LIKELIHOOD, "bernoulli", LikelihoodProvider.class);
    VaeModel m = new VaeModel(new GaussianPosteriorEncoder(Sequential.mlp(D, List.of(), 5, Activation.TANH, Activation.TANH), LATENT),
        Sequential.mlp(LATENT, List.of(4), D, Activation.TANH, Activation.IDENTITY),
        (Prior) pp.build(pp.defaultConfig(), LATENT), (Likelihood) lp.build(lp.defaultConfig(), D), k, B);
    m.parameters().initialise(seed);
    return m;
  }

  @Test
  void lossAndGradientMatchSameDiffOnTheSameWeightsBatchAndNoise() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = tinyModel(k, 3);
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    double beta = 0.7;
    VaeModel.Terms t = model.step(x, beta, Nd4j.getRandomFactory().getNewRandomInstance(11));
    INDArray eps = k.create(B, LATENT);
    Nd4j.getExecutioner().exec(new GaussianDistribution(eps, 0.0, 1.0), Nd4j.getRandomFactory().getNewRandomInstance(11));
    assertEquals(eps, model.lastNoise(), "the reference sees the same noise");

    List<INDArray> w = model.parameters().valueViews();
    SameDiff sd = SameDiff.create();
    SDVariable[] v = new SDVariable[w.size()];
    for (int i = 0; i < v.length; i++) v[i] = sd.var("p" + i, w.get(i).dup());
    SDVariable in = sd.constant("x", x);
    SDVariable h = sd.math.tanh(in.mmul(v[0]).add(v[1]));
    SDVariable mu = h.mmul(v[2]).add(v[3]);
    SDVariable lv = h.mmul(v[4]).add(v[5]);
    SDVariable z = mu.add(sd.math.exp(lv.mul(0.5)).mul(sd.constant("eps", eps)));
    SDVariable logits = sd.math.tanh(z.mmul(v[6]).add(v[7])).mmul(v[8]).add(v[9]);
    SDVariable recon = in.mul(logits).sub(sd.nn.softplus(logits)).sum();
    SDVariable kl = mu.mul(mu).add(sd.math.exp(lv)).sub(1.0).sub(lv).sum().mul(0.5);
    SDVariable loss = recon.sub(kl.mul(beta)).mul(-1.0 / B);
    loss.markAsLoss();
    String[] names = new String[v.length];
    for (int i = 0; i < v.length; i++) names[i] = "p" + i;
    var grads = sd.calculateGradients(java.util.Map.of(), names);

    assertEquals(recon.eval().getDouble(0), t.recon(), 1e-9);
    assertEquals(kl.eval().getDouble(0), t.kl(), 1e-9);
    List<INDArray> g = model.parameters().gradViews();
    for (int i = 0; i < v.length; i++) {
      double err = g.get(i).sub(grads.get("p" + i)).amaxNumber().doubleValue();
      assertTrue(err < 1e-9, "gradient of parameter " + i + " differs by " + err);
    }
  }

  @Test
  void noiseIsFreshEachStepAndReproducibleFromTheSeed() {
    Kernels k = Fixtures.doubleKernels();
    INDArray x = Fixtures.uniform(k, 4, 0, 1, B, D);
    var rngA = Nd4j.getRandomFactory().getNewRandomInstance(21);
    var rngB = Nd4j.getRandomFactory().getNewRandomInstance(21);
    VaeModel a = tinyModel(k, 3);
    VaeModel b = tinyModel(k, 3);
    a.step(x, 1, rngA);
    INDArray first = a.lastNoise().dup();
    a.step(x, 1, rngA);
    assertNotEquals(first, a.lastNoise());
    b.step(x, 1, rngB);
    assertEquals(first, b.lastNoise());
  }

  @Test
  void aPartialBatchUsesOnlyItsRows() {
    Kernels k = Fixtures.doubleKernels();
    VaeModel m = tinyModel(k, 3);
    INDArray x = Fixtures.uniform(k, 4, 0, 1, 2, D);
    VaeModel.Terms t = m.step(x, 1, Nd4j.getRandomFactory().getNewRandomInstance(1));
    assertEquals(2, m.lastNoise().size(0));
    assertTrue(Double.isFinite(t.recon()) && t.kl() >= 0);
    assertTrue(m.parameters().grads().norm2Number().doubleValue() > 0);
  }

  /** Gradients after one step from fresh parameters (seed 3) with the noise of seed 11. */
  private static INDArray gradsAfterStep(double beta, double freeBits, boolean perDimension) {
    Kernels k = Fixtures.doubleKernels();
    VaeModel model = tinyModel(k, 3);
    model.setFreeBits(freeBits, perDimension);
    model.step(Fixtures.uniform(k, 4, 0, 1, B, D), beta, Nd4j.getRandomFactory().getNewRandomInstance(11));
    return model.parameters().grads().dup();
  }

  @Test
  void freeBitsDropTheKlGradientOfDimensionsBelowTheFloorAndKeepTheOthers() {
    INDArray withoutKl = gradsAfterStep(0.0, 0, true);
    INDArray withKl = gradsAfterStep(1.0, 0, true);
    assertEquals(withoutKl, gradsAfterStep(1.0, 1e6, true), "a floor above every dimension drops the KL gradient");
    assertEquals(withoutKl, gradsAfterStep(1.0, 1e6, false), "a floor above the total drops it too");
    assertEquals(withKl, gradsAfterStep(1.0, 1e-9, false), "a floor below the total changes nothing");

    Kernels k = Fixtures.doubleKernels();
    VaeModel model = tinyModel(k, 3);
    model.encoder().forward(Fixtures.uniform(k, 4, 0, 1, B, D));
    INDArray perDim = k.create(1, LATENT);
    model.prior().klPerDimension(model.encoder().mean(), model.encoder().logVar(), perDim);
    double low = Math.min(perDim.getDouble(0), perDim.getDouble(1)) / B;
    double high = Math.max(perDim.getDouble(0), perDim.getDouble(1)) / B;
    INDArray floored = gradsAfterStep(1.0, (low + high) / 2, true);
    int kept = perDim.getDouble(0) > perDim.getDouble(1) ? 0 : 1;
    INDArray bias = tinyModel(k, 3).parameters().gradViews().get(3);  // the mean head's bias: d loss / d mean summed
    long offset = offsetOf(tinyModel(k, 3), 3);
    assertEquals(withKl.getDouble(offset + kept), floored.getDouble(offset + kept), 1e-12, "the dimension above the floor");
    assertEquals(withoutKl.getDouble(offset + 1 - kept), floored.getDouble(offset + 1 - kept), 1e-12, "the one below");
    assertEquals(LATENT, bias.length());
  }

  private static long offsetOf(VaeModel m, int view) {
    long offset = 0;
    for (int i = 0; i < view; i++) offset += m.parameters().gradViews().get(i).length();
    return offset;
  }
}
