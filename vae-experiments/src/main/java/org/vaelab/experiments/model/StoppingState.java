package org.vaelab.experiments.model;

/**
 * Where early stopping stands, saved in the checkpoint so that a resumed run continues the count.
 *
 * @param best      best value so far (NaN before the first epoch)
 * @param bestEpoch epoch of the best value (0 before the first)
 * @param bad       epochs since the best that count against the patience
 * @param stopped   whether training has stopped on it
 */
public record StoppingState(double best, int bestEpoch, int bad, boolean stopped) {
  public static final StoppingState START = new StoppingState(Double.NaN, 0, 0, false);
}
