package org.vaelab.experiments.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.vaelab.api.engine.Kernels;
import org.vaelab.experiments.model.VaeModel;

/**
 * Non-amortised inference (Cremer, Li &amp; Duvenaud 2018, "Inference Suboptimality in Variational
 * Autoencoders"): for each data point its own diagonal Gaussian q*(z|x) — the encoder's family —
 * optimised with Adam on the single-sample ELBO, decoder and prior frozen, starting from the encoder's
 * output. Their stopping rule: every {@code checkEvery} steps compare the mean ELBO of the last
 * window with the best so far, and stop after {@code patience} windows without improvement, or at
 * {@code maxSteps}. With a constant step size Adam's noise floor keeps q* measurably short of the
 * optimum, so a plateau first divides the step size by 10 ({@code reductions} times) and only the
 * last plateau stops. Each gradient averages {@code samplesPerStep} reparameterised samples. The
 * points of a batch are independent (Adam is elementwise), so a batch is
 * optimised together and stops together.
 */
public final class PosteriorFit {
  private PosteriorFit() {}

  /**
   * Adam's first step size, the cap on steps, the stopping rule, step-size reductions on plateaus,
   * and ELBO samples averaged per gradient.
   */
  public record Settings(double lr, int maxSteps, int checkEvery, int patience, int reductions, int samplesPerStep) {
    public static Settings cremer(double lr, int maxSteps) {
      return new Settings(lr, maxSteps, 100, 10, 2, 1);
    }
  }

  /**
   * Optimises {@code mu} and {@code lv} ([n, latent], n ≤ the model's batch, initialised by the
   * caller) in place for the rows {@code x}; returns the number of Adam steps taken.
   */
  public static int fit(VaeModel model, INDArray x, INDArray mu, INDArray lv, Settings s, Random rng) {
    Kernels k = model.kernels();
    long n = x.size(0);
    long latent = mu.size(1);
    INDArray dMu = k.create(n, latent);
    INDArray dLv = k.create(n, latent);
    INDArray[] moments = {k.create(n, latent), k.create(n, latent), k.create(n, latent), k.create(n, latent)};
    INDArray elbo = k.create(n);
    INDArray gMu = k.create(n, latent);
    INDArray gLv = k.create(n, latent);
    double best = Double.NEGATIVE_INFINITY;
    double window = 0;
    int stale = 0;
    int step = 0;
    double lr = s.lr();
    int reductionsLeft = s.reductions();
    while (step < s.maxSteps()) {
      gMu.assign(0);
      gLv.assign(0);
      for (int j = 0; j < s.samplesPerStep(); j++) {
        model.elboAt(x, mu, lv, rng, elbo, dMu, dLv);
        gMu.addi(dMu);
        gLv.addi(dLv);
        window += elbo.sumNumber().doubleValue() / s.samplesPerStep();
      }
      gMu.divi(s.samplesPerStep());
      gLv.divi(s.samplesPerStep());
      step++;
      k.adam(mu, gMu, moments[0], moments[1], lr, 0.9, 0.999, 1e-8, step);
      k.adam(lv, gLv, moments[2], moments[3], lr, 0.9, 0.999, 1e-8, step);
      if (step % s.checkEvery() == 0) {
        if (window > best) {
          best = window;
          stale = 0;
        } else if (++stale >= s.patience()) {
          if (reductionsLeft-- == 0) break;
          lr /= 10;
          stale = 0;
        }
        window = 0;
        if (step % (50 * s.checkEvery()) == 0) for (INDArray m : moments) k.flushDenormals(m);
      }
    }
    return step;
  }
}
