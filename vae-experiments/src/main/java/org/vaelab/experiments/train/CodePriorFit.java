package org.vaelab.experiments.train;

import java.io.PrintStream;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.Adam;
import org.vaelab.api.engine.CodePrior;
import org.vaelab.api.engine.PosteriorFamily;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.eval.EvalProgress;
import org.vaelab.experiments.model.BatchSource;
import org.vaelab.experiments.model.Seeds;
import org.vaelab.experiments.model.VaeModel;

/**
 * The second stage of a VQ-VAE with a learned prior over codes: the prior is fitted by maximum
 * likelihood on the training set's codes, everything else held fixed, in the same run (it is one
 * model: the final evaluation, the samples and the logged model all need both stages).
 */
final class CodePriorFit {
  private CodePriorFit() {}

  /** Fits the model's code prior if it has one to fit; returns whether it did. */
  static boolean fit(VaeModel model, INDArray trainX, INDArray testX, long seed, Tracker tracker, PrintStream out) {
    if (!(model.prior() instanceof CodePrior prior) || prior.fit().isEmpty()) return false;
    CodePrior.Fit f = prior.fit().get();
    var family = (PosteriorFamily.Categorical) model.family();
    int[][] train = model.codes(trainX);
    int[][] test = model.codes(testX);
    var params = model.codePriorParameters();
    Adam adam = new Adam(model.kernels(), params, f.lr(), 0.9, 0.999, 1e-8);
    double uniform = family.slots() * Math.log(family.codes());
    double[] logP = new double[f.batchSize()];
    int[][] rows = new int[f.batchSize()][];
    long began = System.nanoTime();
    for (int epoch = 1; epoch <= f.epochs(); epoch++) {
      int[] order = BatchSource.permutation(train.length, Seeds.derive(seed, Seeds.CODES, epoch));
      double nll = 0;
      for (int from = 0; from < train.length; from += f.batchSize()) {
        int b = Math.min(f.batchSize(), train.length - from);
        int[][] batch = b == rows.length ? rows : new int[b][];
        for (int r = 0; r < b; r++) batch[r] = train[order[from + r]];
        params.zeroGrads();
        prior.logProb(batch, logP, -1.0 / b);
        adam.step();
        for (int r = 0; r < b; r++) nll -= logP[r];
      }
      double testNll = nll(prior, test);
      tracker.logMetric("codes/train_nll", nll / train.length, epoch);
      tracker.logMetric("codes/test_nll", testNll, epoch);
      double perEpoch = (System.nanoTime() - began) / 1e9 / epoch;
      out.println(String.format(Locale.ROOT, "code prior epoch %d/%d  train nll %.3f  test nll %.3f nats (uniform %.3f)%s",
          epoch, f.epochs(), nll / train.length, testNll, uniform,
          epoch < f.epochs() ? "  eta " + EvalProgress.duration(Math.round((f.epochs() - epoch) * perEpoch * 1000)) : ""));
    }
    return true;
  }

  /** The mean −log p(codes) of {@code codes} under {@code prior}. */
  static double nll(CodePrior prior, int[][] codes) {
    double[] logP = new double[codes.length];
    prior.logProb(codes, logP, 0);
    double sum = 0;
    for (double v : logP) sum -= v;
    return sum / codes.length;
  }
}
