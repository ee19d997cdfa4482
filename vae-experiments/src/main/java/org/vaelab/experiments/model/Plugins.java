package org.vaelab.experiments.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.engine.CodePrior;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.KernelsProvider;
import org.vaelab.api.engine.PosteriorFamily;
import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.engine.Prior;
import org.vaelab.api.spi.DatasetProvider;
import org.vaelab.api.spi.DecoderProvider;
import org.vaelab.api.spi.DecoderShape;
import org.vaelab.api.spi.EncoderProvider;
import org.vaelab.api.spi.KlSchedule;
import org.vaelab.api.spi.KlScheduleProvider;
import org.vaelab.api.spi.LikelihoodProvider;
import org.vaelab.api.spi.ObjectiveProvider;
import org.vaelab.api.spi.PosteriorProvider;
import org.vaelab.api.spi.PriorProvider;
import org.vaelab.api.spi.TrackerProvider;
import org.vaelab.api.track.RunSpec;
import org.vaelab.api.track.Tracker;
import org.vaelab.experiments.config.Backend;
import org.vaelab.experiments.config.ExperimentConfig;
import org.vaelab.experiments.config.PluginChoice;
import org.vaelab.experiments.config.TrainingConfig;

/** Builds components from resolved plugin choices (the one place that casts to provider types). */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class Plugins {
  private Plugins() {}

  public static Dataset dataset(PluginChoice c) {
    return ((DatasetProvider) c.provider()).load(c.config());
  }

  public static KlSchedule schedule(PluginChoice c) {
    return ((KlScheduleProvider) c.provider()).build(c.config());
  }

  public static Tracker startRun(PluginChoice c, RunSpec spec) {
    return ((TrackerProvider) c.provider()).start(c.config(), spec);
  }

  public static Tracker resumeRun(PluginChoice c, String runId) {
    return ((TrackerProvider) c.provider()).resume(c.config(), runId);
  }

  /** Opens a run to add to it without changing its status. */
  public static Tracker openRun(PluginChoice c, String runId) {
    return ((TrackerProvider) c.provider()).open(c.config(), runId);
  }

  /** The model for {@code data}, checking that the likelihood can model the data. */
  public static VaeModel model(ExperimentConfig c, Dataset data, Kernels kernels) {
    return model(c, data, kernels, true, c.training().batchSize());
  }

  private static VaeModel model(ExperimentConfig c, Dataset data, Kernels kernels, boolean checkData, int rows) {
    long values = data.valuesPerExample();
    Likelihood lik = ((LikelihoodProvider) c.likelihood().provider()).build(c.likelihood().config(), values);
    if (checkData) {
      lik.checkData(Math.min(data.trainX().minNumber().doubleValue(), data.testX().minNumber().doubleValue()),
          Math.max(data.trainX().maxNumber().doubleValue(), data.testX().maxNumber().doubleValue()));
    }
    Encoder enc = ((EncoderProvider) c.encoder().provider()).build(c.encoder().config(), data.shape());
    Layer dec = ((DecoderProvider) c.decoder().provider()).build(c.decoder().config(),
        new DecoderShape(enc.latentDim(), data.shape(), lik.paramsPerValue()));
    Prior prior = ((PriorProvider) c.prior().provider()).build(c.prior().config(), enc.latentDim());
    PosteriorFlow flow = ((PosteriorProvider) c.posterior().provider()).build(c.posterior().config(), enc.latentDim());
    checkCodePrior(c, enc.family(), prior);
    VaeModel model = new VaeModel(enc, dec, prior, lik, flow, kernels, rows,
        () -> ((EncoderProvider) c.encoder().provider()).build(c.encoder().config(), data.shape()));
    model.setFreeBits(c.training().freeBits(), c.training().freeBitsPer() == TrainingConfig.FreeBitsGroup.DIMENSION);
    model.useObjective(((ObjectiveProvider) c.objective().provider()).build(c.objective().config()),
        c.objective().provider().id(), data.trainX().size(0));
    model.replicatedBy((k, replicaRows) -> model(c, data, k, false, replicaRows));
    return model;
  }

  /** A prior over codes with a categorical posterior, and only there; fitting it needs the last weights. */
  private static void checkCodePrior(ExperimentConfig c, PosteriorFamily family, Prior prior) {
    String id = c.prior().provider().id();
    boolean categorical = family instanceof PosteriorFamily.Categorical;
    if (prior instanceof CodePrior && !categorical) {
      throw new ConfigException("prior.type: " + id + " is a prior over codes; it needs a categorical posterior"
          + " (encoder.type: vq), and the " + c.encoder().provider().id() + " encoder's posterior is " + family.describe());
    }
    if (categorical && !(prior instanceof CodePrior)) {
      throw new ConfigException("prior.type: " + id + " is a prior over continuous z; the " + c.encoder().provider().id()
          + " encoder's posterior is " + family.describe() + ": use prior.type: codes-uniform or codes-ar");
    }
    if (prior instanceof CodePrior cp && cp.fit().isPresent() && c.training().earlyStopping().enabled()) {
      throw new ConfigException("prior.type: " + id + " is fitted on the last weights after training; turn off"
          + " training.earlyStopping (metric: none) with it");
    }
  }

  /** The kernel backend the config asks for. */
  public static Kernels kernels(ExperimentConfig c) {
    return kernels(c.training().backend());
  }

  /**
   * The backend {@code backend} names, found among the {@link KernelsProvider}s; {@code auto} is the
   * available one of highest priority. A named backend that cannot run here is a config error saying why.
   */
  public static Kernels kernels(Backend backend) {
    List<KernelsProvider> all = kernelsProviders();
    if (backend == Backend.AUTO) {
      return all.stream().filter(p -> p.unavailable().isEmpty()).findFirst()
          .orElseThrow(() -> new ConfigException("training.backend: no kernel backend can run here")).create();
    }
    String id = backend.id();
    KernelsProvider p = all.stream().filter(k -> k.id().equals(id)).findFirst()
        .orElseThrow(() -> new ConfigException("training.backend: " + id + " is not installed"));
    p.unavailable().ifPresent(why -> {
      throw new ConfigException("training.backend: " + id + " cannot run here: " + why + "; use nd4j");
    });
    return p.create();
  }

  /** Why each installed backend cannot run here (empty for those that can), by id, in priority order. */
  public static Map<String, Optional<String>> backends() {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    for (KernelsProvider p : kernelsProviders()) out.put(p.id(), p.unavailable());
    return out;
  }

  /** The installed kernel backends, highest priority first. */
  private static List<KernelsProvider> kernelsProviders() {
    List<KernelsProvider> all = new ArrayList<>();
    ServiceLoader.load(KernelsProvider.class).forEach(all::add);
    all.sort(Comparator.comparingInt(KernelsProvider::priority).reversed());
    return all;
  }
}
