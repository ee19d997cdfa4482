package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.spi.KlScheduleProvider;
import org.vaelab.api.spi.PluginKind;

/** Contract of a KL schedule: beta is finite, non-negative and a pure function of progress. */
public abstract class KlScheduleContract<C extends Record, P extends KlScheduleProvider<C>>
    extends ProviderContract<C, P> {
  @Override protected PluginKind kind() { return PluginKind.SCHEDULE; }

  @Test
  void betaIsFiniteNonNegativeAndDeterministic() {
    KlSchedule s = provider().build(provider().defaultConfig());
    KlSchedule again = provider().build(provider().defaultConfig());
    for (long step : new long[] {0, 1, 10, 100, 1_000, 100_000}) {
      double b = s.beta(step, 50);
      assertTrue(Double.isFinite(b) && b >= 0, "beta(" + step + ") = " + b);
      assertEquals(b, again.beta(step, 50));
    }
  }
}
