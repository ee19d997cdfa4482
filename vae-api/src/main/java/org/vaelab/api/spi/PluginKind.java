package org.vaelab.api.spi;

/** The kinds of plugin, each with its provider interface and the config key that selects it. */
public enum PluginKind {
  ENCODER("encoder", EncoderProvider.class),
  DECODER("decoder", DecoderProvider.class),
  PRIOR("prior", PriorProvider.class),
  POSTERIOR("posterior", PosteriorProvider.class),
  LIKELIHOOD("likelihood", LikelihoodProvider.class),
  SCHEDULE("schedule", KlScheduleProvider.class),
  OBJECTIVE("objective", ObjectiveProvider.class),
  DATASET("dataset", DatasetProvider.class),
  TRACKER("tracker", TrackerProvider.class);

  /** The config key, e.g. {@code encoder}. */
  public final String key;
  /** The provider interface. */
  @SuppressWarnings("rawtypes")
  public final Class<? extends PluginProvider> spi;

  @SuppressWarnings("rawtypes")
  PluginKind(String key, Class<? extends PluginProvider> spi) {
    this.key = key;
    this.spi = spi;
  }
}
