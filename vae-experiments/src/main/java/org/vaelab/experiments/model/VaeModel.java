package org.vaelab.experiments.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vaelab.api.engine.BatchBuffer;
import org.vaelab.api.engine.CodePrior;
import org.vaelab.api.engine.Encoder;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Layer;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.Objective;
import org.vaelab.api.engine.ParameterStore;
import org.vaelab.api.engine.Parameterised;
import org.vaelab.api.engine.PosteriorFamily;
import org.vaelab.api.engine.PosteriorFlow;
import org.vaelab.api.engine.PosteriorSample;
import org.vaelab.api.engine.Prior;

/**
 * encoder → z0 = mean + exp(logVar/2)·eps → posterior flow z = f(z0) (none for the Gaussian) →
 * decoder → likelihood, with the prior's KL; one flat parameter store. {@link #step} computes loss = -(recon - beta·KL)/batch and its gradient.
 */
public final class VaeModel {
  /** The most rows an objective's samples may take in one pass (samples x batch). */
  public static final int MAX_SAMPLE_ROWS = 200_000;
  private final Encoder encoder;
  private final Layer decoder;
  private final Prior prior;
  private final Likelihood likelihood;
  private final PosteriorFlow flow;
  private final FlowPass flowPass;
  private final Kernels k;
  private final ParameterStore store;
  private final ParameterStore trained;
  private final BatchBuffer eps;
  private final BatchBuffer z;
  private final BatchBuffer dMean;
  private final BatchBuffer dLogVar;
  private final BatchBuffer dOut;
  private final BatchBuffer klMean;
  private final BatchBuffer klLogVar;
  private final BatchBuffer klZ;
  private final INDArray klPerDim;
  private final int maxBatch;
  private INDArray lastNoise;
  private INDArray klRows;
  private INDArray[] weightRows;
  private double freeBits;
  private boolean freeBitsPerDimension;
  private BiFunction<Kernels, Integer, VaeModel> builder;
  private final Map<Integer, List<VaeModel>> evaluationReplicas = new HashMap<>();
  private final PosteriorFamily family;
  private int frozenScopes;
  private double[] hostRecon;
  private double[] hostPrior;
  private double[] hostEps;
  private double[] hostLogVar;
  private double[] hostNoise;
  private double[] hostCodeLogP;

  /**
   * Sums over a batch: the two ELBO terms (averaged over an objective's samples) and the loss the
   * step minimised, −(recon − β·KL) for the ELBO.
   */
  public record Terms(double recon, double kl, double loss) {}

  private SampledObjective sampled;
  private int trainingSamples = 1;

  /** Posterior samples per example of the training objective (1 for the single-sample ELBO). */
  public int trainingSamples() { return trainingSamples; }

  /**
   * Trains with {@code objective} instead of the single-sample ELBO; refused (naming the config
   * field) when the other parts cannot weigh samples; {@code datasetSize} is the number of training
   * examples (for batch terms that estimate aggregate posteriors). Call before the first step.
   */
  public void useObjective(Objective objective, String id, long datasetSize) {
    trainingSamples = objective.samples();
    if (objective.uniform() && objective.samples() == 1) {
      sampled = null;
      return;
    }
    String where = "objective.type: " + id + (objective.samples() > 1 ? " with " + objective.samples() + " samples" : "");
    if (!family.hasDensity()) {
      throw new org.vaelab.api.config.ConfigException(where + " needs a posterior density to sample; this encoder's"
          + " posterior is " + family.describe());
    }
    if (flowPass != null && objective.hasBatchTerm()) {
      throw new org.vaelab.api.config.ConfigException(where + ": its batch term needs the Gaussian's density;"
          + " use posterior.type: gaussian with it");
    }
    if (!likelihood.params().isEmpty()) {
      throw new org.vaelab.api.config.ConfigException(where + " weighs each sample, which a likelihood with learned"
          + " parameters cannot do yet; use a fixed one (gaussian with learn: none, or bernoulli)");
    }
    if (freeBits > 0) {
      throw new org.vaelab.api.config.ConfigException(where + ": training.freeBits applies to the one-sample elbo only");
    }
    if (objective.samples() * maxBatch > MAX_SAMPLE_ROWS) {
      throw new org.vaelab.api.config.ConfigException(where + ": samples x batchSize = " + objective.samples() * maxBatch
          + " rows a step; keep it at most " + MAX_SAMPLE_ROWS);
    }
    decoder.plan(objective.samples() * maxBatch, k);
    prior.plan(objective.samples() * maxBatch, k);
    likelihood.plan(objective.samples() * maxBatch, k);
    if (flowPass != null) flowPass.plan(objective.samples() * maxBatch);
    sampled = new SampledObjective(objective, decoder, prior, likelihood, flowPass, k, maxBatch, encoder.inputSize(),
        latentDim(), datasetSize);
  }

  public VaeModel(Encoder encoder, Layer decoder, Prior prior, Likelihood likelihood, Kernels kernels, int maxBatch) {
    this(encoder, decoder, prior, likelihood, kernels, maxBatch, null);
  }

  /**
   * As above; {@code encoderTwin} builds a second encoder of the same architecture for a prior that
   * runs the encoder itself (the VampPrior): it shares the encoder's parameters, not its buffers.
   */
  public VaeModel(Encoder encoder, Layer decoder, Prior prior, Likelihood likelihood, Kernels kernels, int maxBatch,
      Supplier<Encoder> encoderTwin) {
    this(encoder, decoder, prior, likelihood, PosteriorFlow.none(encoder.latentDim()), kernels, maxBatch, encoderTwin);
  }

  /** As above, with the posterior family {@code flow} on the encoder's Gaussian. */
  public VaeModel(Encoder encoder, Layer decoder, Prior prior, Likelihood likelihood, PosteriorFlow flow, Kernels kernels,
      int maxBatch, Supplier<Encoder> encoderTwin) {
    if (flow.latentDim() != encoder.latentDim()) {
      throw new IllegalArgumentException("the posterior flow has " + flow.latentDim() + " dimensions, latentDim is "
          + encoder.latentDim());
    }
    if (prior.topLatentDim() != flow.topLatentDim()) {
      throw new org.vaelab.api.config.ConfigException("prior.topDim: the prior's top layer has " + prior.topLatentDim()
          + " dimensions, the posterior's " + flow.topLatentDim() + "; a two-level model needs posterior.type: two-level"
          + " and prior.type: hierarchical with the same topDim");
    }
    PosteriorFamily family = encoder.family();
    if (flow.steps() > 0 && !(family instanceof PosteriorFamily.Gaussian)) {
      throw new org.vaelab.api.config.ConfigException("posterior.type: a flow needs a Gaussian encoder to start from;"
          + " this encoder's posterior is " + family.describe() + " (use posterior.type: gaussian)");
    }
    if ((prior instanceof CodePrior) != (family instanceof PosteriorFamily.Categorical)) {
      throw new IllegalArgumentException("a prior over codes goes with a categorical posterior and only with one;"
          + " the posterior is " + family.describe());
    }
    if (prior instanceof CodePrior cp && family instanceof PosteriorFamily.Categorical c) cp.attachCodes(c.slots(), c.codes());
    this.family = family;
    if (decoder.inputSize() != encoder.latentDim()) {
      throw new IllegalArgumentException("decoder takes " + decoder.inputSize() + " inputs, latentDim is " + encoder.latentDim());
    }
    this.encoder = encoder;
    this.decoder = decoder;
    this.prior = prior;
    this.likelihood = likelihood;
    this.flow = flow;
    this.flowPass = flow.steps() > 0 ? new FlowPass(flow, prior, kernels, maxBatch) : null;
    this.k = kernels;
    this.maxBatch = maxBatch;
    Encoder twin = null;
    if (prior.needsEncoder()) {
      if (encoderTwin == null) throw new IllegalArgumentException("this prior runs the encoder: give an encoder twin");
      twin = encoderTwin.get();
      prior.attachEncoder(twin);
    }
    Map<String, Parameterised> parts = new java.util.LinkedHashMap<>();
    parts.put("encoder", encoder);
    parts.put("decoder", decoder);
    parts.put("prior", prior);
    parts.put("likelihood", likelihood);
    parts.put("posterior", flow);
    MemoryBudget.check(parts, kernels.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? 8 : 4);
    // a prior over codes goes last: the first stage trains everything before it, the second only it
    this.store = ParameterStore.allocate(prior instanceof CodePrior ? List.of(encoder, decoder, likelihood, flow, prior)
        : List.of(encoder, decoder, prior, likelihood, flow), kernels);
    int stageOne = store.tensors() - (prior instanceof CodePrior ? prior.params().size() : 0);
    this.trained = stageOne == store.tensors() ? store : store.slice(0, stageOne);
    if (twin != null) {
      int n = encoder.params().size();
      twin.bind(store.valueViews().subList(0, n), store.gradViews().subList(0, n));
    }
    encoder.plan(maxBatch, kernels);
    decoder.plan(maxBatch, kernels);
    prior.plan(maxBatch, kernels);
    likelihood.plan(maxBatch, kernels);
    int latent = encoder.latentDim();
    eps = new BatchBuffer(kernels, maxBatch, latent);
    z = new BatchBuffer(kernels, maxBatch, latent);
    dMean = new BatchBuffer(kernels, maxBatch, latent);
    dLogVar = new BatchBuffer(kernels, maxBatch, latent);
    dOut = new BatchBuffer(kernels, maxBatch, decoder.outputSize());
    klMean = new BatchBuffer(kernels, maxBatch, latent);
    klLogVar = new BatchBuffer(kernels, maxBatch, latent);
    klZ = new BatchBuffer(kernels, maxBatch, latent);
    klPerDim = kernels.create(1, latent);
  }

  /**
   * Free bits (Kingma et al. 2016): the KL gradient of each latent dimension (or of the whole KL)
   * whose batch-averaged KL is below {@code nats} is dropped. 0 turns it off.
   */
  public void setFreeBits(double nats, boolean perDimension) {
    if (nats > 0 && flowPass != null) {
      throw new org.vaelab.api.config.ConfigException("training.freeBits: " + nats + " applies to the Gaussian posterior"
          + " only; set it to 0 with a flow");
    }
    if (perDimension && nats > 0 && !prior.klPerDimension(k.create(1, latentDim()), k.create(1, latentDim()),
        k.create(1, latentDim()))) {
      throw new org.vaelab.api.config.ConfigException("training.freeBitsPer: dimension needs a prior whose KL splits"
          + " over dimensions (standard-normal); use freeBitsPer: total with this prior");
    }
    this.freeBits = nats;
    this.freeBitsPerDimension = perDimension;
  }

  public ParameterStore parameters() { return store; }

  /** What training updates: every parameter but a prior over codes' (fitted in a second stage). */
  public ParameterStore trainedParameters() { return trained; }

  /** The parameters of a prior over codes, which training leaves alone; empty for other priors. */
  public ParameterStore codePriorParameters() { return store.slice(trained.tensors(), store.tensors()); }

  /** How to build this architecture on another backend with buffers for a number of rows, for {@link #replica}. */
  public void replicatedBy(BiFunction<Kernels, Integer, VaeModel> builder) { this.builder = builder; }

  /** Whether {@link #replica} can build a copy. */
  public boolean replicable() { return builder != null; }

  /**
   * Opens an evaluation during which the parameters stay fixed and their gradients are not wanted:
   * the prior may cache what depends on them alone (the VampPrior's components), and the decoder
   * back-propagates input gradients only. Scopes nest.
   */
  public Frozen frozen() {
    if (frozenScopes++ == 0) frozen(true);
    return new Frozen();
  }

  private void frozen(boolean on) {
    prior.freeze(on);
    decoder.setParameterGradients(!on);
  }

  /** A {@link #frozen()} scope; closing it again does nothing. */
  public final class Frozen implements AutoCloseable {
    private boolean open = true;

    private Frozen() {}

    @Override
    public void close() {
      if (open && --frozenScopes == 0) frozen(false);
      open = false;
    }
  }

  /** A copy of this model on {@code kernels} with its own buffers and a copy of the parameters, for another thread. */
  public VaeModel replica(Kernels kernels) {
    return replica(kernels, maxBatch);
  }

  /** As {@link #replica(Kernels)}, with buffers for batches of up to {@code rows} rows. */
  public VaeModel replica(Kernels kernels, int rows) {
    if (builder == null) throw new IllegalStateException("this model was built without a replica builder");
    VaeModel copy = builder.apply(kernels, rows);
    copyStateTo(copy);
    return copy;
  }

  /** The parameters and free-bits setting of this model, into a replica of it. */
  private void copyStateTo(VaeModel copy) {
    copy.store.values().assign(store.values());
    copy.setFreeBits(freeBits, freeBitsPerDimension);
  }

  /**
   * One replica per backend of {@code workers}, with buffers for {@code rows} rows, holding this
   * model's parameters now. The replicas of an earlier call with the same rows and count are reused,
   * on their own backends: new ones at every periodic evaluation held native buffers until a full GC.
   */
  public List<VaeModel> evaluationReplicas(List<Kernels> workers, int rows) {
    List<VaeModel> kept = evaluationReplicas.get(rows);
    if (kept != null && kept.size() == workers.size()) {
      for (VaeModel copy : kept) copyStateTo(copy);
      return kept;
    }
    List<VaeModel> built = new ArrayList<>();
    for (Kernels w : workers) built.add(replica(w, rows));
    evaluationReplicas.put(rows, built);
    return built;
  }

  /** The noise eps of the last pass (a view, overwritten by the next pass). */
  INDArray lastNoise() { return lastNoise; }

  public Encoder encoder() { return encoder; }

  public Prior prior() { return prior; }

  /**
   * Copies every parameter but the prior's from {@code other}, a model of the same architecture
   * whose prior may differ (a prior over codes replaced in a second stage).
   */
  public void assignAllButPrior(VaeModel other) {
    List<INDArray> mine = store.valueViews();
    List<INDArray> theirs = other.store.valueViews();
    int parts = encoder.params().size() + decoder.params().size() + likelihood.params().size() + flow.params().size();
    int e = encoder.params().size() + decoder.params().size();
    for (int i = 0; i < parts; i++) {
      // the prior sits after the decoder, or last when it is over codes
      int at = i < e ? i : i + (prior instanceof CodePrior ? 0 : prior.params().size());
      int theirsAt = i < e ? i : i + (other.prior instanceof CodePrior ? 0 : other.prior.params().size());
      mine.get(at).assign(theirs.get(theirsAt));
    }
  }

  /** The family of q(z|x) the encoder defines. */
  public PosteriorFamily family() { return family; }

  /**
   * Fills {@code z} with prior draws: codes from the code prior, embedded, for a categorical
   * posterior ({@code temperature} divides its logits); p(z) itself otherwise (temperature 1 only).
   */
  public void samplePrior(INDArray z, Random rng, double temperature) {
    if (family instanceof PosteriorFamily.Categorical c) {
      c.book().embed(((CodePrior) prior).sample((int) z.size(0), temperature, new SplittableRandom(rng.nextLong())), z);
      return;
    }
    if (temperature != 1) throw new IllegalArgumentException("a temperature applies to a prior over codes only");
    prior.sample(z, rng);
  }

  /** The code of each slot for each row of {@code x} ({@code [n][slots]}), for a categorical posterior. */
  public int[][] codes(INDArray x) {
    if (!(family instanceof PosteriorFamily.Categorical c)) {
      throw new UnsupportedOperationException("the posterior is " + family.describe() + ", not over codes");
    }
    int n = (int) x.size(0);
    int[][] out = new int[n][];
    for (int from = 0; from < n; from += maxBatch) {
      int b = Math.min(maxBatch, n - from);
      encoder.forward(x.get(NDArrayIndex.interval(from, from + b), NDArrayIndex.all()));
      int[][] part = c.book().lastCodes();
      System.arraycopy(part, 0, out, from, b);
    }
    return out;
  }

  /** The KL term of a posterior without density: 0 for a point mass, −log p(codes) for a categorical one. */
  private double klWithoutDensity(int n, INDArray klPerRow) {
    if (!(family instanceof PosteriorFamily.Categorical c)) {
      if (klPerRow != null) klPerRow.assign(0);
      return 0;
    }
    double[] logP = hostCodeLogP = hostCodeLogP != null && hostCodeLogP.length >= n ? hostCodeLogP : new double[n];
    ((CodePrior) prior).logProb(c.book().lastCodes(), logP, 0);
    double sum = 0;
    for (int i = 0; i < n; i++) sum -= logP[i];
    if (klPerRow != null) {
      double[] row = new double[n];
      for (int i = 0; i < n; i++) row[i] = -logP[i];
      HostArrays.write(row, klPerRow);
    }
    return sum;
  }

  /** The posterior family on the encoder's Gaussian. */
  public PosteriorFlow flow() { return flow; }

  public int maxBatch() { return maxBatch; }

  public int latentDim() { return encoder.latentDim(); }

  /** Forward and backward on {@code x}: gradients of the loss (mean over rows) land in the store. */
  public Terms step(INDArray x, double beta, Random rng) {
    trained.zeroGrads();
    if (sampled == null) {
      Terms t = pass(x, rng, -1.0 / x.size(0), beta / x.size(0), true, null, null);
      return new Terms(t.recon(), t.kl(), -(t.recon() - beta * t.kl()));
    }
    long n = x.size(0);
    encoder.forward(x);
    Terms t = sampled.step(x, encoder.mean(), encoder.logVar(), beta, rng, dMean.rows(n), dLogVar.rows(n));
    encoder.backward(dMean.rows(n), dLogVar.rows(n));
    return t;
  }

  /** Draws from {@code rng} exactly what {@link #step} draws for a batch of {@code n}, and nothing else. */
  public void skipNoise(int n, Random rng) {
    if (!family.hasDensity()) return;
    if (sampled == null) {
      k.normal(eps.rows(n), rng);
    } else {
      sampled.skipNoise(n, rng);
    }
  }

  /** Forward only; per-row log-likelihood and KL go to the given vectors when not null. */
  public Terms evaluate(INDArray x, Random rng, INDArray reconPerRow, INDArray klPerRow) {
    return pass(x, rng, 0.0, 0.0, false, reconPerRow, klPerRow);
  }

  private Terms pass(INDArray x, Random rng, double reconScale, double klScale, boolean backward,
      INDArray reconPerRow, INDArray klPerRow) {
    encoder.forward(x);
    Terms t = atPosterior(x, encoder.mean(), encoder.logVar(), !family.hasDensity(), rng, reconScale, klScale,
        backward, backward && freeBits > 0, reconPerRow, klPerRow);
    if (backward) encoder.backward(dMean.rows(x.size(0)), dLogVar.rows(x.size(0)));
    return t;
  }

  /**
   * Decoder, likelihood and KL at the posterior N(mu, exp(lv)); when {@code backward}, the gradients
   * w.r.t. mu and lv are left in {@code dMean} and {@code dLogVar}.
   */
  private Terms atPosterior(INDArray x, INDArray mu, INDArray lv, boolean plain, Random rng, double reconScale,
      double klScale, boolean backward, boolean floored, INDArray reconPerRow, INDArray klPerRow) {
    long n = x.size(0);
    INDArray e = eps.rows(n);
    INDArray zs = z.rows(n);
    if (plain) {
      e.assign(0);  // a plain autoencoder: z = mean, lv = 0, so the same arithmetic gives z exactly
    } else {
      k.normal(e, rng);
    }
    lastNoise = e;
    k.reparameterize(mu, lv, e, zs);
    INDArray zIn = flowPass == null ? zs : flowPass.forward(zs);
    INDArray params = decoder.forward(zIn);
    INDArray dParams = dOut.rows(n);
    double recon = likelihood.logLikelihood(params, x, dParams, reconScale, reconPerRow);
    INDArray dz = backward ? decoder.backward(dParams) : null;
    INDArray dm = dMean.rows(n).assign(0);
    INDArray dl = dLogVar.rows(n).assign(0);
    double kl = 0;
    if (plain) {
      kl = klWithoutDensity((int) n, klPerRow);
    } else if (floored) {
      kl = flooredKl(mu, lv, e, zs, dm, dl, dz, klScale, klPerRow);
    } else if (flowPass != null) {
      INDArray dzOrScratch = dz != null ? dz : z.rows(n).dup();
      double[] scales = backward ? flowPass.uniformScales(klScale, (int) n) : null;
      kl = flowPass.kl(new PosteriorSample(mu, lv, e, zIn, dm, dl, dzOrScratch), scales,
          klPerRow != null ? klPerRow : klPerRowBuffer(n));
      if (backward) dz = flowPass.backward(dz, scales);
    } else {
      INDArray dzOrScratch = dz != null ? dz : z.rows(n).dup();
      kl = prior.kl(new PosteriorSample(mu, lv, e, zs, dm, dl, dzOrScratch), klScale, klPerRow);
    }
    if (backward) k.reparameterizeBackward(dz, lv, e, dm, dl);
    return new Terms(recon, kl, -(recon - kl));  // the loss at beta = 1; step() restates it at its beta
  }

  /**
   * The single-sample ELBO of each row of {@code x} at a given Gaussian posterior N(mu, exp(lv))
   * instead of the encoder's (per-datapoint inference). Writes it into {@code elboPerRow}, and the
   * gradients of the negative summed ELBO (what a minimiser descends) w.r.t. mu and lv into
   * {@code dMu} and {@code dLv} unless they are null. Parameter gradients of the decoder and prior are overwritten (left alone inside {@link #frozen()}), nothing is updated.
   */
  public void elboAt(INDArray x, INDArray mu, INDArray lv, Random rng, INDArray elboPerRow, INDArray dMu, INDArray dLv) {
    if (!family.hasDensity()) throw new UnsupportedOperationException("the posterior is " + family.describe());
    long n = x.size(0);
    boolean grads = dMu != null;
    if (grads && frozenScopes == 0) store.zeroGrads();  // frozen: parameter gradients are not wanted
    INDArray kl = klPerRowBuffer(n);
    atPosterior(x, mu, lv, false, rng, grads ? -1.0 : 0.0, grads ? 1.0 : 0.0, grads, false, elboPerRow, kl);
    elboPerRow.subi(kl);
    if (grads) {
      dMu.assign(dMean.rows(n));
      dLv.assign(dLogVar.rows(n));
    }
  }

  private INDArray klPerRowBuffer(long n) {
    if (klRows == null) klRows = k.create(maxBatch);
    return klRows.get(NDArrayIndex.interval(0, n));
  }

  /** Writes the encoder's posterior parameters for {@code x} into {@code mu} and {@code lv}. */
  public void encode(INDArray x, INDArray mu, INDArray lv) {
    encoder.forward(x);
    mu.assign(encoder.mean());
    lv.assign(encoder.logVar());
  }

  public Kernels kernels() { return k; }

  /** The KL term with its gradient kept only where the batch-averaged KL is at or above the floor. */
  private double flooredKl(INDArray mu, INDArray lv, INDArray e, INDArray zs, INDArray dm, INDArray dl, INDArray dz,
      double klScale, INDArray klPerRow) {
    long n = mu.size(0);
    INDArray gm = klMean.rows(n).assign(0);
    INDArray gl = klLogVar.rows(n).assign(0);
    INDArray gz = klZ.rows(n).assign(0);
    double kl = prior.kl(new PosteriorSample(mu, lv, e, zs, gm, gl, gz), klScale, klPerRow);
    if (freeBitsPerDimension) {
      prior.klPerDimension(mu, lv, klPerDim);
      INDArray keep = klPerDim.div(n).gte(freeBits).castTo(mu.dataType());
      dm.addi(gm.mulRowVector(keep));
      dl.addi(gl.mulRowVector(keep));
      dz.addi(gz.mulRowVector(keep));
    } else if (kl / n >= freeBits) {
      dm.addi(gm);
      dl.addi(gl);
      dz.addi(gz);
    }
    return kl;
  }

  /**
   * One importance sample per row of {@code x}: writes log p(x|z) + log p(z) − log q(z|x) at a fresh
   * z ~ q(z|x) into {@code out}. Deterministic encoders (autoencoder, VQ) have no proposal density.
   */
  public void logWeights(INDArray x, Random rng, double[] out) {
    if (!family.hasDensity()) {
      throw new UnsupportedOperationException("the posterior is " + family.describe() + ": no density to sample from");
    }
    encoder.forward(x);
    logWeightsAt(x, encoder.mean(), encoder.logVar(), rng, out);
  }

  /** As {@link #logWeights}, with the proposal N(mu, exp(lv)) given instead of the encoder's. */
  public void logWeightsAt(INDArray x, INDArray mu, INDArray lv, Random rng, double[] out) {
    INDArray e = eps.rows((int) x.size(0));
    k.normal(e, rng);
    logWeightsWith(x, mu, lv, e, out);
  }

  /**
   * As above with the noise drawn on the host from {@code g} (the log p(x) estimate): java.util's
   * Gaussian is faster than ND4J's op here, and it gives the same draws on every backend.
   */
  public void logWeightsAt(INDArray x, INDArray mu, INDArray lv, RandomGenerator g, double[] out) {
    int n = (int) x.size(0);
    INDArray e = eps.rows(n);
    int values = n * latentDim();
    double[] noise = hostNoise = hostNoise != null && hostNoise.length >= values ? hostNoise : new double[values];
    for (int i = 0; i < values; i++) noise[i] = g.nextGaussian();
    HostArrays.write(noise, e);
    logWeightsWith(x, mu, lv, e, out);
  }

  private void logWeightsWith(INDArray x, INDArray mu, INDArray lv, INDArray e, double[] out) {
    int n = (int) x.size(0);
    INDArray zs = z.rows(n);
    k.reparameterize(mu, lv, e, zs);
    if (weightRows == null || weightRows[0].length() != n) {
      weightRows = new INDArray[] {k.create(n), k.create(n)};
    }
    INDArray recon = weightRows[0];
    INDArray logPrior = weightRows[1];
    INDArray zIn = flowPass == null ? zs : flowPass.forward(zs);
    likelihood.logLikelihood(decoder.forward(zIn), x, dOut.rows(n), 0.0, recon);
    prior.logDensity(zIn, logPrior);
    double[] logDet = flowPass == null ? null : flowPass.logDet();
    // log q(z|x) = -(Σ (lv + e²) + D log 2π) / 2 − log|det ∂z/∂z0|, on the host: latent-sized, cheaper than array ops
    double[] r = hostRecon = HostArrays.read(recon, hostRecon);
    double[] p = hostPrior = HostArrays.read(logPrior, hostPrior);
    double[] ev = hostEps = HostArrays.read(e, hostEps);
    double[] lvv = hostLogVar = HostArrays.read(lv, hostLogVar);
    int d = latentDim();
    double logTwoPi = d * Math.log(2 * Math.PI);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = i * d; j < (i + 1) * d; j++) sum += lvv[j] + ev[j] * ev[j];
      out[i] = r[i] + p[i] + 0.5 * (sum + logTwoPi) + (logDet == null ? 0 : logDet[i]);  // minus log q
    }
  }

  /** Writes f(z0) of the posterior flow for the rows of {@code z0} into {@code out} (z0 itself without a flow). */
  public void flowAtNoNoise(INDArray z0, INDArray out) {
    out.assign(flowPass == null ? z0 : flowPass.forward(z0));
  }

  /** log p(x|z) + log p(z) of each row of {@code x} at the given {@code z} (n ≤ maxBatch), for checks by quadrature. */
  public void logJoint(INDArray x, INDArray zIn, double[] out) {
    int n = (int) x.size(0);
    INDArray recon = k.create(n);
    INDArray logPrior = k.create(n);
    likelihood.logLikelihood(decoder.forward(zIn), x, dOut.rows(n), 0.0, recon);
    prior.logDensity(zIn, logPrior);
    double[] r = recon.toDoubleVector();
    double[] p = logPrior.toDoubleVector();
    for (int i = 0; i < n; i++) out[i] = r[i] + p[i];
  }

  /** Decodes {@code zIn} and writes E[x|z] into {@code out} ({@code [n, values]}, n ≤ maxBatch). */
  public void decodeMean(INDArray zIn, INDArray out) {
    likelihood.mean(decoder.forward(zIn), out);
  }
}
