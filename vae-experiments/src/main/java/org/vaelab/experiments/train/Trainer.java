package org.vaelab.experiments.train;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.Adam;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.track.Tags;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.OptimizerConfig;
import org.vaelab.experiments.config.Yaml;
import org.vaelab.experiments.eval.EvalProgress;
import org.vaelab.experiments.eval.Protocol;
import org.vaelab.experiments.model.BatchSource;
import org.vaelab.experiments.model.Checkpoint;
import org.vaelab.experiments.model.DataSplit;
import org.vaelab.experiments.model.Plugins;
import org.vaelab.experiments.model.Seeds;
import org.vaelab.experiments.model.StoppingState;
import org.vaelab.experiments.model.VaeModel;

/** Runs epochs of minibatch Adam on a {@link VaeModel}, logging to a tracker and checkpointing each epoch. */
final class Trainer {
  private final ExperimentConfig config;
  private final Dataset data;
  private final VaeModel model;
  private final Adam adam;
  private final KlSchedule schedule;
  private long lastImageStep = -1;  // the step of the last images logged per step
  private final Tracker tracker;
  private final Progress progress;
  private final BatchSource batches;
  private final BatchSource evalBatches;
  private final INDArray validationX;

  /** Early stopping's state: restored from the checkpoint, then the latest epoch's. */
  private StoppingState stoppingState;
  /** Each tensor's sum of squares of the gradient, found by the guard for Adam's per-tensor normalisation; null without it. */
  private final double[] squares;
  /** The sums of the epoch a restored checkpoint stopped in, or null. */
  private Checkpoint.PartialEpoch partial;
  private EpochCheck check = EpochCheck.NEVER;
  private Evaluation lastEval;
  private int epochsCheckpointed;

  /** Stops training early when {@code c} says so after an evaluation. */
  void setEpochCheck(EpochCheck c) {
    this.check = c;
  }

  Trainer(ExperimentConfig config, DataSplit split, VaeModel model, Kernels kernels, Tracker tracker, Progress progress) {
    this.config = config;
    this.data = split.data();
    this.validationX = split.validationX();
    this.model = model;
    var o = config.optimizer();
    this.adam = new Adam(kernels, model.trainedParameters(), o.lr(), o.beta1(), o.beta2(), o.epsilon());
    if (o.normalizeGradients() == OptimizerConfig.GradientNormalization.PER_TENSOR) adam.normaliseGradientsPerTensor();
    this.squares = adam.tensorSquares();
    this.schedule = Plugins.schedule(config.schedule());
    this.tracker = tracker;
    this.progress = progress;
    this.batches = new BatchSource(kernels, config.training().batchSize(), data.valuesPerExample());
    this.evalBatches = new BatchSource(kernels, model.maxBatch(), data.valuesPerExample());
  }

  void restore(Checkpoint c) {
    model.parameters().values().assign(c.params());
    adam.restore(c.adamM(), c.adamV(), c.step());
    epochsCheckpointed = c.epochsDone();
    stoppingState = c.stopping();
    partial = c.partial();
  }

  /**
   * Under early stopping, puts the best epoch's weights into the model (for the pictures and the
   * final evaluation) and says which epoch they are from; otherwise does nothing.
   */
  void useBestWeights() {
    if (!config.training().earlyStopping().enabled()) return;
    tracker.readArtifact(Checkpoint.BEST_MODEL).ifPresent(bytes -> {
      model.parameters().values().assign(Checkpoint.readParams(bytes));
      int epoch = stoppingState == null ? 0 : stoppingState.bestEpoch();
      progress.epoch("pictures and final evaluation on the best epoch's weights (epoch " + epoch + ", "
          + Checkpoint.BEST_MODEL + ")");
    });
  }

  /**
   * Trains epochs {@code startEpoch+1 ..} up to the configured number, skipping the first
   * {@code skipSteps} batches of the first (a run stopped mid-epoch); returns the last test ELBO.
   * A signal ({@link StopRequest}) ends it after the current step with a checkpoint and {@link Stopped}.
   */
  RunSummary run(int startEpoch, int skipSteps) {
    StopRequest.polling(true);
    try {
      return epochs(startEpoch, skipSteps);
    } finally {
      StopRequest.polling(false);
    }
  }

  /** Thrown when a signal stopped training; the checkpoint is written. */
  static final class Stopped extends RuntimeException {
    Stopped(String message) { super(message); }
  }

  private RunSummary epochs(int startEpoch, int skipSteps) {
    int epochs = config.training().epochs();
    int batch = config.training().batchSize();
    int n = (int) data.trainX().size(0);
    long stepsPerEpoch = (n + batch - 1) / batch;
    EarlyStopping stopping = config.training().earlyStopping().enabled() ? new EarlyStopping(
        config.training().earlyStopping(), EarlyStopping.countFrom(config.training().earlyStopping(), schedule, epochs,
        stepsPerEpoch), stoppingState) : null;
    boolean dynamic = data.binarization() == Binarization.DYNAMIC;
    long began = System.nanoTime();
    double testElbo = Double.NaN;
    double samplesPerSec = 0;
    double[] window = new double[4];  // recon, kl, beta and loss summed since the last train/ log; spans epochs
    int inWindow = 0;
    for (int epoch = startEpoch + 1; epoch <= epochs; epoch++) {
      // a resumed epoch goes on from the stopped one's sums (checkpoints before they were kept: its own batches)
      boolean goOn = epoch == startEpoch + 1 && skipSteps > 0 && partial != null;
      long epochBegan = System.nanoTime() - (goOn ? partial.wallNanos() : 0);
      double epochElbo = goOn ? partial.elboSum() : 0;
      long stepNanos = goOn ? partial.stepNanos() : 0;
      long rows = goOn ? (long) skipSteps * batch : 0;
      batches.use(data.trainX());
      int[] order = BatchSource.permutation(n, Seeds.derive(config.seed(), Seeds.SHUFFLE, epoch));
      Random rng = Nd4j.getRandomFactory().getNewRandomInstance(Seeds.derive(config.seed(), Seeds.NOISE, epoch));
      long binarizeSeed = Seeds.derive(config.seed(), Seeds.BINARIZE, epoch);
      for (int from = 0, s = 1; from < n; from += batch, s++) {
        int b = Math.min(batch, n - from);
        if (epoch == startEpoch + 1 && s <= skipSteps) {
          model.skipNoise(b, rng);  // done before the stop: the same noise stream, nothing else
          continue;
        }
        long t0 = System.nanoTime();
        double beta = schedule.beta(adam.stepCount(), stepsPerEpoch);
        INDArray x = dynamic ? batches.binarizedBatch(order, from, b, Seeds.derive(binarizeSeed, Seeds.BINARIZE, s))
            : batches.batch(order, from, b);
        VaeModel.Terms t = model.step(x, beta, rng);
        checkFinite(t, adam.stepCount() + 1);
        update(adam.stepCount() + 1);
        stepNanos += System.nanoTime() - t0;
        epochElbo += t.recon() - t.kl();
        rows += b;
        window[0] += t.recon() / b;
        window[1] += t.kl() / b;
        window[2] += beta;
        window[3] += t.loss() / b;
        inWindow++;
        if (adam.stepCount() % config.training().logEvery() == 0) {
          logTrain(window, inWindow, adam.stepCount());
          window = new double[4];
          inWindow = 0;
        }
        samplesPerSec = rows / (stepNanos / 1e9);
        progress.step(epoch, epochs, s, stepsPerEpoch, (t.recon() - t.kl()) / b, samplesPerSec);
        if (StopRequest.requested() && from + b < n) {
          if (inWindow > 0) logTrain(window, inWindow, adam.stepCount());  // the partial window, not lost
          saveCheckpoint(epoch - 1, s, stopping, new Checkpoint.PartialEpoch(epochElbo, stepNanos,
              System.nanoTime() - epochBegan));
          throw new Stopped("stopped by a signal at step " + adam.stepCount() + " (epoch " + epoch + ", batch " + s
              + "); checkpoint written");
        }
      }
      long step = adam.stepCount();
      double meanElbo = epochElbo / rows;
      tracker.logMetric("train/epoch_elbo", meanElbo, step);
      tracker.logMetric("train/epoch", epoch, step);
      tracker.logMetric("perf/samples_per_sec", samplesPerSec, step);
      String line = String.format(Locale.ROOT, "epoch %d/%d  train elbo %.2f", epoch, epochs, meanElbo);
      Map<String, Double> perEpoch = new HashMap<>(Map.of("train/epoch_elbo", meanElbo));
      if (validationX != null) {
        Evaluation v = Evaluation.of(model, validationX, Seeds.derive(config.seed(), Seeds.EVAL, 1), evalBatches);
        logHeldOut("validation", v, step);
        perEpoch.put("validation/elbo", v.elbo());
        perEpoch.put("validation/recon", v.recon());
        line += String.format(Locale.ROOT, "  valid elbo %.2f", v.elbo());
      }
      if (epoch % config.training().evalEvery() == 0 || epoch == epochs) {
        Evaluation ev = Evaluation.of(model, data.testX(), Seeds.derive(config.seed(), Seeds.EVAL, 0), evalBatches);
        logHeldOut("test", ev, step);
        lastEval = ev;
        testElbo = ev.elbo();
        line += String.format(Locale.ROOT, "  test elbo %.2f (recon %.2f, kl %.2f)", ev.elbo(), ev.recon(), ev.kl());
        EndPictures.images(model, data, config.seed(), tracker, step);
        lastImageStep = step;
      }
      boolean best = stopping != null
          && stopping.observe(epoch, perEpoch.get(config.training().earlyStopping().metric()));
      if (best) saveBest(epoch, step, stopping);
      if (stopping != null) stoppingState = stopping.state();
      double epochSeconds = (System.nanoTime() - epochBegan) / 1e9;
      tracker.logMetric("perf/epoch_seconds", epochSeconds, step);
      line += String.format(Locale.ROOT, "  %,.0f samples/s", samplesPerSec);
      double secondsPerEpoch = (System.nanoTime() - began) / 1e9 / (epoch - startEpoch);
      if (stopping != null) {
        line += stopping.progress(epoch, epochs, secondsPerEpoch);
      } else if (epoch < epochs) {
        line += "  eta " + EvalProgress.duration(Math.round((epochs - epoch) * secondsPerEpoch * 1000));
      }
      progress.epoch(line);
      int every = config.evaluation().every();
      if (every > 0 && epoch % every == 0) {
        Protocol.run(model, data, Protocol.Settings.during(config.evaluation()),
            Seeds.derive(config.seed(), Seeds.EVAL, epoch), tracker, step, "test", progress.out());
      }
      saveCheckpoint(epoch, 0, stopping, null);
      if (stopping != null && stopping.stop()) {
        var st = stopping.state();
        String why = String.format(Locale.ROOT, "%s did not improve for %d epochs after epoch %d (best %.4f)",
            config.training().earlyStopping().metric(), st.bad(), st.bestEpoch(), st.best());
        tracker.setTag(Tags.EARLY_STOPPED, "epoch " + epoch + ": " + why);
        tracker.logMetric("train/stopped_epoch", epoch, step);
        progress.epoch("early stopping at epoch " + epoch + ": " + why);
        return summary(epoch, testElbo, samplesPerSec, began);
      }
      if (StopRequest.requested() && epoch < epochs) {
        throw new Stopped("stopped by a signal at step " + step + " (end of epoch " + epoch + "); checkpoint written");
      }
      if (lastEval != null) {
        var reason = check.stop(epoch, step, Map.of("test/elbo", lastEval.elbo(), "test/recon", lastEval.recon(),
            "test/kl", lastEval.kl()));
        lastEval = null;
        if (reason.isPresent()) {
          tracker.setTag(Tags.PRUNED, reason.get());
          progress.epoch("stopped early: " + reason.get());
          return summary(epoch, testElbo, samplesPerSec, began);
        }
      }
    }
    return summary(epochs, testElbo, samplesPerSec, began);
  }

  private RunSummary summary(int epochs, double testElbo, double samplesPerSec, long began) {
    return new RunSummary(tracker.runId(), tracker.location(), epochs, testElbo, samplesPerSec,
        (System.nanoTime() - began) / 1e9);
  }

  private void checkFinite(VaeModel.Terms t, long step) {
    String bad = !Double.isFinite(t.recon()) ? "recon" : !Double.isFinite(t.kl()) ? "kl" : null;
    if (bad != null) {
      tracker.setTag(Tags.FAILURE, "non-finite " + bad + " at step " + step);
      throw new TrainingFailure("training diverged: " + bad + " is not finite at step " + step
          + "; lower optimizer.lr or check the data");
    }
  }

  /**
   * The optimiser step on a gradient checked to be finite (else the run fails naming the tensor),
   * clipped first when asked; with neither clipping nor per-tensor norms it is checked as the update
   * reads it (the weights it left are never kept: the run ends there).
   */
  private void update(long step) {
    double clip = config.optimizer().clipNorm();
    if (squares == null && clip == 0) {
      if (!Double.isFinite(adam.stepReadingSquares())) {
        failOnGradient(GradientGuard.checkAndClip(model.trainedParameters(), model.kernels(), 0), step);
      }
      return;
    }
    failOnGradient(GradientGuard.checkAndClip(model.trainedParameters(), model.kernels(), clip, squares), step);
    adam.step(squares);
  }

  private void failOnGradient(Optional<String> nonFinite, long step) {
    nonFinite.ifPresent(where -> {
      tracker.setTag(Tags.FAILURE, "non-finite gradient (other) of " + where + " at step " + step);
      throw new TrainingFailure("training diverged: the gradient of " + where + " is not finite at step " + step
          + " (the loss terms were finite); lower optimizer.lr or set optimizer.clipNorm");
    });
  }

  private void logTrain(double[] w, int count, long step) {
    double recon = w[0] / count;
    double kl = w[1] / count;
    double beta = w[2] / count;
    tracker.logMetric("train/loss", w[3] / count, step);
    tracker.logMetric("train/elbo", recon - kl, step);
    tracker.logMetric("train/recon", recon, step);
    tracker.logMetric("train/kl", kl, step);
    tracker.logMetric("train/beta", beta, step);
    model.encoder().diagnostics().forEach((key, value) -> tracker.logMetric("train/" + key, value, step));
  }

  private void logHeldOut(String set, Evaluation ev, long step) {
    tracker.logMetric(set + "/elbo", ev.elbo(), step);
    tracker.logMetric(set + "/recon", ev.recon(), step);
    tracker.logMetric(set + "/kl", ev.kl(), step);
    if (!set.equals("test")) return;
    double[] d = ev.klPerDim();
    String fmt = "test/kl_dim/%0" + String.valueOf(d.length - 1).length() + "d";
    for (int i = 0; i < d.length; i++) tracker.logMetric(String.format(Locale.ROOT, fmt, i), d[i], step);
  }

  /** The best epoch's weights, kept beside the last ones for the final evaluation. */
  private void saveBest(int epoch, long step, EarlyStopping stopping) {
    var st = stopping.state();
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("epoch", epoch);
    m.put("step", step);
    m.put("metric", config.training().earlyStopping().metric());
    m.put("value", st.best());
    try {
      tracker.logArtifact(Checkpoint.BEST_MODEL, Checkpoint.paramBytes(model.parameters().values()));
      tracker.logArtifact(Checkpoint.BEST_STATE, Yaml.dump(m).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.UncheckedIOException e) {
      throw new TrainingFailure("cannot write the best checkpoint of epoch " + epoch + ": " + e.getMessage()
          + "; free space, then vae train --resume " + tracker.runId());
    }
    tracker.logMetric("best/epoch", epoch, step);
    tracker.logMetric("best/" + config.training().earlyStopping().metric().replace('/', '_'), st.best(), step);
  }

  private void saveCheckpoint(int epochsDone, int stepsInEpoch, EarlyStopping stopping,
      Checkpoint.PartialEpoch soFar) {
    epochsCheckpointed = epochsDone;
    Checkpoint c = new Checkpoint(model.parameters().values(), adam.firstMoment(), adam.secondMoment(), epochsDone,
        stepsInEpoch, adam.stepCount(), stopping == null ? null : stopping.state(), soFar);
    byte[] modelBytes = c.modelBytes();
    String resume = "free space, then vae train --resume " + tracker.runId();
    try {
      // model first, each write atomic: a failed model write (the big one) leaves the previous pair as it was
      tracker.logArtifact(Checkpoint.MODEL, modelBytes);
    } catch (java.io.UncheckedIOException e) {
      throw new TrainingFailure("cannot write the checkpoint of step " + adam.stepCount() + ": " + e.getMessage()
          + "; the previous checkpoint is intact: " + resume);
    }
    try {
      tracker.logArtifact(Checkpoint.STATE, c.stateBytes(modelBytes));
    } catch (java.io.UncheckedIOException e) {
      throw new TrainingFailure("cannot write the checkpoint state of step " + adam.stepCount() + ": "
          + e.getMessage() + "; the model was written, so --resume will refuse the mismatched pair");
    }
  }

  /** Continues where {@code c}'s run ended (its epochs and step count) without its weights: a second stage in a new run. */
  void continueAfter(Checkpoint c) {
    long n = model.trainedParameters().size();
    adam.restore(model.kernels().create(n), model.kernels().create(n), c.step());
    epochsCheckpointed = c.epochsDone();
  }

  /** Fits a learned prior over codes on the trained model's codes (a second stage), then checkpoints it with the rest. */
  void fitCodePrior() {
    if (CodePriorFit.fit(model, data.trainX(), data.testX(), Seeds.derive(config.seed(), Seeds.CODES, 0), tracker,
        progress.out())) {
      saveCheckpoint(epochsCheckpointed, 0, null, null);
    }
  }

  /** The final evaluation protocol, when the config asks for it, then the weights as logged models. */
  void finalEvaluation() {
    Map<String, Double> measured = Map.of();
    if (config.evaluation().atEnd()) {
      measured = Protocol.run(model, data, Protocol.Settings.atEnd(config.evaluation()),
          Seeds.derive(config.seed(), Seeds.EVAL, -1), tracker, adam.stepCount(), "eval", progress.out()).metrics();
    }
    LoggedModels.log(tracker, config, adam.stepCount(), measured);
  }

  /**
   * Pictures of the trained model as artifacts, and as images at the last step unless the last
   * evaluation epoch logged them there already (the same weights).
   */
  void logPictures() {
    EndPictures.log(model, data, config.seed(), tracker, adam.stepCount(), lastImageStep != adam.stepCount());
  }
}
