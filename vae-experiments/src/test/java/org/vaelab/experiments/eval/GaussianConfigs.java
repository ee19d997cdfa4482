package org.vaelab.experiments.eval;

import java.util.Map;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.spi.LikelihoodProvider;

/** Builds a Gaussian likelihood config with a given sigma through the plugin's own config mapping. */
final class GaussianConfigs {
  private GaussianConfigs() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Record gaussian(LikelihoodProvider p, double sigma) {
    return RecordMaps.fromMap(p.configType(), Map.of("sigma", sigma), p.defaultConfig(), "likelihood");
  }
}
