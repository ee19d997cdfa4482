package org.vaelab.api.spi;

import org.vaelab.api.engine.Prior;

/** A prior provider that is not registered on the class path; tests put it in a jar. */
public class ExtraPriorProvider implements PriorProvider<ExtraPriorProvider.NoConfig> {
  /** An empty config. */
  public record NoConfig() {}

  @Override public String id() { return "extra"; }

  @Override public String description() { return "test plugin"; }

  @Override public Class<NoConfig> configType() { return NoConfig.class; }

  @Override public NoConfig defaultConfig() { return new NoConfig(); }

  @Override public Prior build(NoConfig config, int latentDim) { throw new UnsupportedOperationException(); }

  /** A second class with the same id. */
  public static final class Twin extends ExtraPriorProvider {}
}
