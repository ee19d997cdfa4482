package org.vaelab.losses.likelihood;

import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.spi.LikelihoodProvider;

/** The {@code "bernoulli"} likelihood for data in [0, 1]. */
public final class BernoulliLikelihoodProvider implements LikelihoodProvider<BernoulliConfig> {
  @Override public String id() { return "bernoulli"; }

  @Override public String description() { return "independent Bernoulli per value, logits from the decoder"; }

  @Override public Class<BernoulliConfig> configType() { return BernoulliConfig.class; }

  @Override public BernoulliConfig defaultConfig() { return new BernoulliConfig(); }

  @Override public Likelihood build(BernoulliConfig config, long valuesPerExample) { return new BernoulliLikelihood(); }
}
