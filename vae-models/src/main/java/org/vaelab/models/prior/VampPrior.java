package org.vaelab.models.prior;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.ParamSpec;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;

/**
 * The VampPrior (Tomczak & Welling 2018, "VAE with a VampPrior"): p(z) = 1/K Σ_k q(z | u_k), the
 * encoder's own posteriors at K learned pseudo-inputs u_k. It runs a twin of the encoder (same
 * parameters, own buffers) on the pseudo-inputs; the Monte-Carlo KL's gradient flows into the
 * encoder's parameters and the pseudo-inputs.
 */
final class VampPrior implements Prior {
  private final int latentDim;
  private final int components;
  private final MixtureKl mixture;
  private final double[] logW;
  private final boolean bounded;
  private INDArray inputs;
  private INDArray inside;
  private double[] hostMeans;
  private double[] hostLogVars;
  private Encoder twin;
  private INDArray pseudo;
  private INDArray dPseudo;
  private INDArray dMeans;
  private INDArray dLogVars;
  private boolean frozen;
  private boolean prepared;

  VampPrior(int latentDim, int components, boolean bounded) {
    this.bounded = bounded;
    this.latentDim = latentDim;
    this.components = components;
    this.mixture = new MixtureKl(components, latentDim);
    this.logW = new double[components];
    java.util.Arrays.fill(logW, -Math.log(components));
  }

  @Override public int latentDim() { return latentDim; }

  @Override public boolean needsEncoder() { return true; }

  @Override
  public void attachEncoder(Encoder encoderTwin) {
    if (encoderTwin.latentDim() != latentDim) {
      throw new IllegalArgumentException("the encoder gives " + encoderTwin.latentDim() + " latent dims, the prior " + latentDim);
    }
    if (!encoderTwin.computeInputGradient()) {
      throw new org.vaelab.api.config.ConfigException("prior.type: vamp needs an encoder that can give input gradients"
          + " (a Gaussian-posterior encoder such as mlp or cnn)");
    }
    this.twin = encoderTwin;
  }

  @Override
  public List<ParamSpec> params() {
    if (twin == null) throw new IllegalStateException("attachEncoder must come before params()");
    long[] shape = {components, twin.inputSize()};
    // free: U(-0.5, 0.5); bounded: N(0, 2/K), the reference code's He init of its K-input pseudo-input layer
    return List.of(bounded ? new ParamSpec("pseudoInputs", shape, ParamSpec.Init.HE_NORMAL, components)
        : new ParamSpec("pseudoInputs", shape, ParamSpec.Init.FAN_IN_UNIFORM, 4));
  }

  @Override
  public void bind(List<INDArray> values, List<INDArray> grads) {
    pseudo = values.get(0);
    dPseudo = grads.get(0);
  }

  @Override
  public void plan(int maxBatch, Kernels kernels) {
    twin.plan(components, kernels);
    inputs = bounded ? kernels.create(components, twin.inputSize()) : null;
    inside = bounded ? kernels.create(components, twin.inputSize()) : null;
    dMeans = kernels.create(components, latentDim);
    dLogVars = kernels.create(components, latentDim);
  }

  @Override public boolean analyticKl() { return false; }

  /** Frozen, the components (the twin at the pseudo-inputs) are computed once, and no parameter gradient flows. */
  @Override
  public void freeze(boolean frozen) {
    this.frozen = frozen;
    this.prepared = false;
  }

  @Override
  public double kl(PosteriorSample s, double scale, INDArray perExample) {
    return sampledKl(s, MixtureKl.uniform(scale, s.z().size(0)), perExample);
  }

  @Override
  public double sampledKl(PosteriorSample s, double[] rowScales, INDArray perExample) {
    if (!prepared) {
      twin.forward(pseudoInputs());
      hostMeans = HostArrays.read(twin.mean(), hostMeans);
      hostLogVars = HostArrays.read(twin.logVar(), hostLogVars);
      mixture.prepare(hostMeans, hostLogVars, logW);
      prepared = frozen;
    }
    double total = mixture.compute(s, rowScales, perExample);
    if (rowScales != null && !frozen) {
      HostArrays.write(scaled(mixture.dLogPdMeans, -1, hostMeans), dMeans);
      HostArrays.write(scaled(mixture.dLogPdLogVars, -1, hostLogVars), dLogVars);
      twin.backward(dMeans, dLogVars);  // adds into the shared encoder gradients
      dPseudo.addi(bounded ? throughHardtanh(twin.inputGradient()) : twin.inputGradient());
    }
    return total;
  }

  @Override
  public void sample(INDArray z, Random rng) {
    twin.forward(pseudoInputs());
    INDArray m = twin.mean();
    INDArray lv = twin.logVar();
    for (int b = 0; b < z.size(0); b++) {
      int k = Math.min(components - 1, (int) (rng.nextDouble() * components));
      for (int d = 0; d < latentDim; d++) {
        z.putScalar(b, d, m.getDouble(k, d) + Math.exp(0.5 * lv.getDouble(k, d)) * rng.nextGaussian());
      }
    }
  }

  /**
   * The encoder's inputs u_k: the parameters, or hardtanh(0, 1) of them when bounded, with the mask
   * of the parameters strictly inside (0, 1) (in-place array ops: host loops cost 14% of a step).
   */
  private INDArray pseudoInputs() {
    if (!bounded) return pseudo;
    Transforms.max(Transforms.min(inputs.assign(pseudo), 1.0, false), 0.0, false);
    Transforms.sign(inside.assign(inputs).rsubi(1.0).muli(inputs), false);  // u (1 − u) > 0 exactly inside
    return inputs;
  }

  /** The gradient w.r.t. the parameters: zero where hardtanh clipped them (written in place). */
  private INDArray throughHardtanh(INDArray dInputs) {
    return dInputs.muli(inside);
  }

  /** {@code out = factor * a} ({@code out} is a scratch array the caller no longer needs). */
  private static double[] scaled(double[] a, double factor, double[] out) {
    for (int i = 0; i < a.length; i++) out[i] = factor * a[i];
    return out;
  }
}
