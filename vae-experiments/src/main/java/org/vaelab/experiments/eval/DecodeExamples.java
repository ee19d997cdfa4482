package org.vaelab.experiments.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.config.ConfigException;
import org.vaelab.experiments.config.ConfigLoader;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.model.Pictures;
import org.vaelab.experiments.model.VaeModel;

/**
 * Examples of a split passed through a trained run: reconstructions, and decoded points on the line
 * between two examples' latent codes. An example's code is the posterior at zero noise: the
 * encoder's mean through the posterior's flow, as the training pictures use.
 */
public final class DecodeExamples {
  private DecodeExamples() {}

  /** The first {@code count} examples of {@code split} and their reconstructions E[x|z]. */
  public static UseModel.Output reconstruct(ConfigLoader loader, PluginChoice trackerChoice, UseModel.ModelRef ref,
      String split, int count, boolean png) {
    if (count < 1 || count > 1024) throw new ConfigException("--count must be in [1, 1024], was " + count);
    UseModel.checkSplit(split);
    return UseModel.withModel(loader, trackerChoice, ref, m -> {
      INDArray x = UseModel.examples(m.data(), split);
      if (png) UseModel.checkPng(m.data(), ref);
      int n = (int) Math.min(count, x.size(0));
      INDArray orig = x.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
      INDArray rec = decode(m.model(), codes(m.model(), orig));
      String what = n + " " + split + " examples of " + ref.describe() + " and their reconstructions (E[x|z] at the posterior mean)";
      if (png) {
        int[] shape = m.data().imageShape();
        return new UseModel.Output(Pictures.pairs(orig, rec, shape[1], shape[2]),
            what + ", each row of originals above its reconstructions");
      }
      INDArray rows = Nd4j.hstack(orig, rec.castTo(orig.dataType()));
      return new UseModel.Output(UseModel.csv(rows, UseModel.labels(m.data(), split, n), UseModel.header("x", orig.size(1)) + ","
          + UseModel.header("rec", orig.size(1))), what);
    });
  }

  /** {@code steps} decoded points z = (1 − t)·z_a + t·z_b, t from 0 to 1, between examples {@code from} and {@code to}. */
  public static UseModel.Output interpolate(ConfigLoader loader, PluginChoice trackerChoice, UseModel.ModelRef ref,
      String split, long from, long to, int steps, boolean png) {
    if (steps < 2 || steps > 256) throw new ConfigException("--steps must be in [2, 256], was " + steps);
    UseModel.checkSplit(split);
    return UseModel.withModel(loader, trackerChoice, ref, m -> {
      INDArray x = UseModel.examples(m.data(), split);
      for (long i : new long[] {from, to}) {
        if (i < 0 || i >= x.size(0)) {
          throw new ConfigException("--from/--to must be example indices in [0, " + (x.size(0) - 1) + "] of the "
              + split + " split, was " + i);
        }
      }
      if (png) UseModel.checkPng(m.data(), ref);
      VaeModel model = m.model();
      INDArray ends = codes(model, Nd4j.vstack(x.getRow(from, true), x.getRow(to, true)).castTo(x.dataType()));
      INDArray z = Nd4j.create(ends.dataType(), steps, ends.size(1));
      for (int s = 0; s < steps; s++) {
        double t = (double) s / (steps - 1);
        z.putRow(s, ends.getRow(0).mul(1 - t).addi(ends.getRow(1).mul(t)));
      }
      INDArray xs = decode(model, z);
      String what = steps + " points decoded between " + split + " examples " + from + " and " + to + " of " + ref.describe()
          + " (linear in z)";
      if (png) {
        int[] shape = m.data().imageShape();
        return new UseModel.Output(Pictures.grid(xs, shape[1], shape[2], Math.min(steps, 16)), what);
      }
      INDArray t = Nd4j.linspace(0, 1, steps, xs.dataType()).reshape(steps, 1);
      INDArray rows = Nd4j.hstack(t, z.castTo(xs.dataType()), xs);
      return new UseModel.Output(UseModel.csv(rows, null, "t," + UseModel.header("z", z.size(1)) + "," + UseModel.header("x", xs.size(1))), what);
    });
  }

  /** The posterior at zero noise for each row of {@code x}: the encoder's means through the posterior's flow. */
  private static INDArray codes(VaeModel model, INDArray x) {
    return LatentMeans.flowed(model, LatentMeans.of(model, x));
  }

  /** E[x|z] for each row of {@code z}. */
  private static INDArray decode(VaeModel model, INDArray z) {
    long values = model.encoder().inputSize();
    INDArray out = Nd4j.create(z.dataType(), z.size(0), values);
    for (long from = 0; from < z.size(0); from += model.maxBatch()) {
      long b = Math.min(model.maxBatch(), z.size(0) - from);
      INDArray x = Nd4j.create(z.dataType(), b, values);
      model.decodeMean(z.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()).dup(), x);
      out.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()).assign(x);
    }
    return out;
  }
}
