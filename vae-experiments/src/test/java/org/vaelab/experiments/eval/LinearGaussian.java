package org.vaelab.experiments.eval;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Dense;
import org.vaelab.api.engine.GaussianPosteriorEncoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.engine.Sequential;
import org.vaelab.api.spi.LikelihoodProvider;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.api.spi.PosteriorProvider;
import org.vaelab.api.spi.PriorProvider;
import org.vaelab.experiments.model.VaeModel;

/**
 * z ~ N(0, I), x = z·W + b + σε with a diagonal W: the marginal x ~ N(b, WᵀW + σ²I) and the posterior
 * (diagonal, so inside the encoder's family) are exact. The encoder is an untrained tanh MLP: a
 * deliberately poor amortised posterior.
 */
final class LinearGaussian {
  static final double SIGMA = 0.5;
  static final double[][] W = {{1, 0}, {0, 2}};
  static final double[] B = {0.5, -0.3};

  private LinearGaussian() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static VaeModel model(Kernels k, String priorId) {
    return model(k, priorId, "gaussian", java.util.Map.of());
  }

  /** As above with the posterior family {@code posteriorId}, its flow parameters drawn away from the identity. */
  static VaeModel model(Kernels k, String priorId, String posteriorId, java.util.Map<String, Object> posteriorConfig) {
    return model(k, priorId, java.util.Map.of(), posteriorId, posteriorConfig, 4);
  }

  /** As above with a prior config and a batch size. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static VaeModel model(Kernels k, String priorId, java.util.Map<String, Object> priorConfig, String posteriorId,
      java.util.Map<String, Object> posteriorConfig, int batch) {
    PluginRegistry r = PluginRegistry.load();
    PosteriorProvider fp = r.get(PluginKind.POSTERIOR, posteriorId, PosteriorProvider.class);
    PosteriorFlow flow = fp.build(org.vaelab.api.config.RecordMaps.fromMap(fp.configType(), posteriorConfig,
        (Record) fp.defaultConfig(), "posterior"), 2);
    PriorProvider pp = r.get(PluginKind.PRIOR, priorId, PriorProvider.class);
    LikelihoodProvider lp = r.get(PluginKind.LIKELIHOOD, "gaussian", LikelihoodProvider.class);
    Prior prior = (Prior) pp.build(org.vaelab.api.config.RecordMaps.fromMap(pp.configType(), priorConfig,
        (Record) pp.defaultConfig(), "prior"), 2);
    Likelihood lik = (Likelihood) lp.build(GaussianConfigs.gaussian(lp, SIGMA), 2);
    VaeModel m = new VaeModel(new GaussianPosteriorEncoder(Sequential.mlp(2, List.of(), 4, Activation.TANH, Activation.TANH), 2),
        new Dense(2, 2, Activation.IDENTITY), prior, lik, flow, k, batch, null);
    m.parameters().initialise(5);
    List<INDArray> views = m.parameters().valueViews();
    views.get(6).assign(Nd4j.createFromArray(W));
    views.get(7).assign(Nd4j.createFromArray(B));
    for (int i = 8 + prior.params().size() + lik.params().size(); i < views.size(); i++) {
      views.get(i).addi(org.vaelab.api.testkit.Fixtures.uniform(k, 100 + i, -0.5, 0.5, views.get(i).shape()));
    }
    return m;
  }

  static double exactLogP(INDArray x, int row) {
    double lp = 0;
    for (int d = 0; d < 2; d++) {
      double var = W[d][d] * W[d][d] + SIGMA * SIGMA;
      double diff = x.getDouble(row, d) - B[d];
      lp += -0.5 * (Math.log(2 * Math.PI * var) + diff * diff / var);
    }
    return lp;
  }

  /** {mean, log variance} of the exact posterior of dimension {@code d} for row {@code row}. */
  static double[] exactPosterior(INDArray x, int row, int d) {
    double precision = 1 + W[d][d] * W[d][d] / (SIGMA * SIGMA);
    double mean = W[d][d] * (x.getDouble(row, d) - B[d]) / (SIGMA * SIGMA) / precision;
    return new double[] {mean, -Math.log(precision)};
  }
}
