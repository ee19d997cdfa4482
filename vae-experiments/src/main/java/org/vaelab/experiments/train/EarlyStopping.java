package org.vaelab.experiments.train;

import java.util.Locale;
import org.vaelab.experiments.config.EarlyStoppingConfig;
import org.vaelab.experiments.model.StoppingState;

/**
 * Patience on a higher-is-better metric, as the VampPrior / Exemplar-VAE code counts it: an epoch
 * that improves on the best resets the count; any other adds one, except before {@code countFrom},
 * where the count stays 0; training stops once the count exceeds the patience.
 */
final class EarlyStopping {
  private final EarlyStoppingConfig config;
  private final int countFrom;
  private StoppingState state;

  EarlyStopping(EarlyStoppingConfig config, int countFrom, StoppingState state) {
    this.config = config;
    this.countFrom = countFrom;
    this.state = state == null ? StoppingState.START : state;
  }

  /** Records the metric of {@code epoch}; true when it is a new best (whose weights should be kept). */
  boolean observe(int epoch, double value) {
    boolean better = Double.isNaN(state.best()) || value > state.best();
    if (better) {
      state = new StoppingState(value, epoch, 0, false);
    } else {
      int bad = epoch < countFrom ? 0 : state.bad() + 1;
      state = new StoppingState(state.best(), state.bestEpoch(), bad, bad > config.patience());
    }
    return better;
  }

  StoppingState state() { return state; }

  boolean stop() { return state.stopped(); }

  /** Epochs that may still pass without improvement before training stops. */
  int patienceLeft() { return config.patience() - state.bad(); }

  int countFrom() { return countFrom; }

  /**
   * The first epoch from which beta no longer changes until {@code epochs} (for {@code countFrom:
   * warmup}): the epoch after the last step whose beta differs from the final one.
   */
  static int firstEpochAfterWarmup(org.vaelab.api.spi.KlSchedule schedule, int epochs, long stepsPerEpoch) {
    long last = (long) epochs * stepsPerEpoch - 1;
    double end = schedule.beta(last, stepsPerEpoch);
    long s = last;
    while (s >= 0 && schedule.beta(s, stepsPerEpoch) == end) s--;
    return (int) ((s + 1) / stepsPerEpoch) + 1;
  }

  static int countFrom(EarlyStoppingConfig c, org.vaelab.api.spi.KlSchedule schedule, int epochs, long stepsPerEpoch) {
    return c.countFrom().equals(EarlyStoppingConfig.AFTER_WARMUP)
        ? firstEpochAfterWarmup(schedule, epochs, stepsPerEpoch) : Integer.parseInt(c.countFrom());
  }

  /** The progress line's part: best value and epoch, patience left, ETA to the limit and if nothing improves. */
  String progress(int epoch, int epochs, double secondsPerEpoch) {
    var st = state;
    int lastIfNoGain = Math.min(epochs, Math.max(epoch, countFrom - 1) + patienceLeft() + 1);
    String patience = epoch < countFrom ? "patience from epoch " + countFrom
        : "patience " + Math.max(0, patienceLeft()) + " left";
    return String.format(Locale.ROOT, "  best %.2f @ %d, %s, eta <= %s (%s if no gain)", st.best(), st.bestEpoch(),
        patience, duration((epochs - epoch) * secondsPerEpoch), duration((lastIfNoGain - epoch) * secondsPerEpoch));
  }

  private static String duration(double seconds) {
    return org.vaelab.experiments.eval.EvalProgress.duration(Math.round(seconds * 1000));
  }
}
