package org.vaelab.api.spi;

/** Builds a KL weight schedule. */
public interface KlScheduleProvider<C extends Record> extends PluginProvider<C> {
  KlSchedule build(C config);
}
