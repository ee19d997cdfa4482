package org.vaelab.experiments.train;

import java.util.Map;
import java.util.Optional;

/** Asked after each test evaluation whether to stop the run early (sweep pruning). */
@FunctionalInterface
public interface EpochCheck {
  EpochCheck NEVER = (epoch, step, test) -> Optional.empty();

  /** The reason to stop now, or empty to go on; {@code test} holds the test metrics just logged by name. */
  Optional<String> stop(int epoch, long step, Map<String, Double> test);
}
