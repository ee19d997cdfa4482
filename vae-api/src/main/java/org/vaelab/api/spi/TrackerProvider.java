package org.vaelab.api.spi;

import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.Tracker;

/** Opens runs in an experiment tracker. */
public interface TrackerProvider<C extends Record> extends PluginProvider<C> {
  /** Starts a new run. */
  Tracker start(C config, RunSpec spec);

  /** Reopens an existing run to continue it; a missing run is a ConfigException. */
  Tracker resume(C config, String runId);
}
