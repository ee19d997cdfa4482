package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input gets exit code 2 and one line naming the place and the value, never a stack trace. */
class BadInputTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown encoder id        | encoder: {type: transformer}                      | encoder.type: unknown encoder 'transformer'; available: ae, cnn, mlp
      wrong type                | encoder: {latentDim: many}                        | encoder.latentDim: expected an integer, was 'many'
      negative size             | encoder: {latentDim: -3}                          | encoder.latentDim must be > 0, was -3
      unknown key               | encoder: {latentDimm: 3}                          | encoder.latentDimm: unknown key; allowed: hiddenDims, latentDim, activation, gated, weightInit, logVarBounds (did you mean latentDim?)
      unknown top-level key     | trainig: {epochs: 3}                              | trainig: unknown key; allowed:
      bad enum                  | decoder: {activation: swish}                      | decoder.activation: unknown value 'swish'; allowed: relu, tanh, elu, identity
      malformed yaml            | 'encoder: {latentDim: [1, }'                      | :1:
      missing dataset directory | dataset: {type: fashion-mnist, dir: /nonexistent} | dataset.dir: /nonexistent does not exist
      bernoulli on real data    | dataset: {type: ring}                             | likelihood bernoulli needs data in [0, 1]
      bad learning rate         | optimizer: {lr: 0}                                | optimizer.lr must be > 0, was 0.0
      section not a map         | training: 5                                       | training: expected a section
      yaml class tag            | encoder: !!javax.script.ScriptEngineManager []    | Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager
      bad clip norm             | optimizer: {clipNorm: -1}                         | optimizer.clipNorm must be >= 0 (0 = no clipping), was -1.0
      --set-like unknown path   | optimizer: {lr: 0.001, adam: {beta1: 0.8}}        | optimizer.adam: unknown key
      empty config              | '# only a comment'                                | the config is empty; start from one in experiments/
      model too large to fit    | '{dataset: {type: ring}, likelihood: {type: gaussian}, encoder: {hiddenDims: [200000000]}}' | make the encoder smaller
      """)
  void badConfigsAreOneLineErrorsWithExitCode2(String what, String yaml, String expected) throws IOException {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, yaml.startsWith("'") ? yaml.substring(1, yaml.length() - 1) : yaml);
    Cli r = Cli.run("train", "--config", f.toString(), "--tracking-dir", tmp.resolve("mlruns").toString());
    assertEquals(2, r.code(), what + ": " + r.err());
    assertTrue(r.err().startsWith("vae: " + f + ": ") || r.err().startsWith("vae: " + f + ":"), r.err());
    assertTrue(r.err().contains(expected), what + ": " + r.err());
    assertOneLineNoTrace(r);
    assertFalse(Files.exists(tmp.resolve("mlruns").resolve("1")), "no run was started");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing config file | train --config /no/such.yaml                 | /no/such.yaml: no such config file
      no config           | train                                        | --config is required
      unknown option      | train --bogus 1                              | bogus
      bad --set           | train --config CONFIG --set encoder          | --set encoder: expected dotted.path=value
      bad --set value     | train --config CONFIG --set encoder.latentDim=0 | encoder.latentDim must be > 0, was 0
      unknown run         | train --resume 0123456789abcdef0123456789abcdef --tracking-dir TMP | no run 0123456789abcdef0123456789abcdef
      from unknown run    | train --from-run 0123456789abcdef0123456789abcdef --tracking-dir TMP | no run 0123456789abcdef0123456789abcdef
      from-run and config | train --from-run abc --config CONFIG          | --config and --from-run: give one
      missing plugin dir  | --plugins /no/plugins plugins                | --plugins: /no/plugins is not a directory
      unknown command     | fly                                          | fly
      free bits per dim   | train --config CONFIG --set training.freeBits=0.5 --set prior.type=mixture | training.freeBitsPer: dimension needs a prior whose KL splits
      negative free bits  | train --config CONFIG --set training.freeBits=-1 | training.freeBits must be >= 0 nats, was -1.0
      validation too big  | train --config CONFIG --set training.validation.size=2000 | training.validation.size: 2000 must be smaller than the training set (2000 examples
      negative validation | train --config CONFIG --set training.validation.size=-5 | training.validation.size must be >= 0 (0 = no validation set), was -5
      bad split           | train --config CONFIG --set training.validation.split=middle | training.validation.split: unknown value 'middle'; allowed: last, random
      zero patience       | train --config CONFIG --set training.earlyStopping.patience=0 | training.earlyStopping.patience must be > 0 epochs, was 0
      unlogged metric     | train --config CONFIG --set training.earlyStopping.metric=test/elbo | training.earlyStopping.metric: 'test/elbo' is not a metric logged every epoch; allowed: none, validation/elbo
      no validation set   | train --config CONFIG --set training.earlyStopping.metric=validation/elbo | training.earlyStopping.metric: validation/elbo needs a validation set; set training.validation.size > 0
      bad count start     | train --config CONFIG --set training.earlyStopping.countFrom=soon | training.earlyStopping.countFrom must be warmup or an epoch >= 1, was 'soon'
      bad normalisation   | train --config CONFIG --set optimizer.normalizeGradients=global | optimizer.normalizeGradients: unknown value 'global'; allowed: none, per-tensor
      iwae zero samples   | train --config CONFIG --set objective.type=iwae --set objective.samples=0 | objective.samples must be in [1, 1000], was 0
      unknown objective   | train --config CONFIG --set objective.type=vr | objective.type: unknown objective 'vr'; available: beta-tc, elbo, iwae
      iwae on an ae       | train --config CONFIG --set objective.type=iwae --set encoder.type=ae | objective.type: iwae with 5 samples needs a posterior density to sample; this encoder's posterior is a point mass
      iwae learned sigma  | train --config CONFIG --set objective.type=iwae --set likelihood.learn=shared | objective.type: iwae with 5 samples weighs each sample, which a likelihood with learned parameters cannot do yet
      zero planar flows   | train --config CONFIG --set posterior.type=planar --set posterior.flows=0 | posterior.flows must be in [1, 64], was 0
      unknown posterior   | train --config CONFIG --set posterior.type=radial | posterior.type: unknown posterior 'radial'; available: gaussian, iaf, planar
      flow on an ae       | train --config CONFIG --set posterior.type=iaf --set encoder.type=ae | posterior.type: a flow needs a Gaussian encoder to start from; this encoder's posterior is a point mass (deterministic) (use posterior.type: gaussian)
      flow on vq          | train --config CONFIG --set posterior.type=planar --set encoder.type=vq --set prior.type=codes-uniform | posterior.type: a flow needs a Gaussian encoder to start from; this encoder's posterior is categorical over 128 codes in 8 slots (use posterior.type: gaussian)
      code prior on mlp   | train --config CONFIG --set prior.type=codes-ar | prior.type: codes-ar is a prior over codes; it needs a categorical posterior (encoder.type: vq), and the mlp encoder's posterior is gaussian
      vq with normal prior | train --config CONFIG --set encoder.type=vq | prior.type: standard-normal is a prior over continuous z; the vq encoder's posterior is categorical over 128 codes in 8 slots: use prior.type: codes-uniform or codes-ar
      code prior early stop | train --config CONFIG --set encoder.type=vq --set prior.type=codes-ar --set training.validation.size=100 --set training.earlyStopping.metric=validation/elbo | prior.type: codes-ar is fitted on the last weights after training; turn off training.earlyStopping
      flow with free bits | train --config CONFIG --set posterior.type=planar --set training.freeBits=0.5 | training.freeBits: 0.5 applies to the Gaussian posterior only; set it to 0 with a flow
      flow with beta-tc   | train --config CONFIG --set posterior.type=planar --set objective.type=beta-tc | objective.type: beta-tc: its batch term needs the Gaussian's density; use posterior.type: gaussian with it
      layers disagree     | train --config CONFIG --set posterior.type=two-level --set posterior.topDim=1 --set prior.type=hierarchical --set prior.topDim=2 --set encoder.latentDim=4 | prior.topDim: the prior's top layer has 2 dimensions, the posterior's 1; a two-level model needs posterior.type: two-level and prior.type: hierarchical with the same topDim
      top too large       | train --config CONFIG --set posterior.type=two-level --set posterior.topDim=4 --set encoder.latentDim=4 | posterior.topDim: 4 must be below encoder.latentDim (4)
      bad top prior       | train --config CONFIG --set prior.type=hierarchical --set prior.top=mixture | prior.top must be standard-normal or vamp, was 'mixture'
      bad log-var bounds  | train --config CONFIG --set encoder.logVarBounds=[2,-6] | encoder.logVarBounds must be [] or [min, max] with min < max, was [2.0, -6.0]
      two trackers        | train --config CONFIG --tracking-uri http://127.0.0.1:1 --tracking-dir TMP | --tracking-uri and --tracking-dir: give one
      bad tracking scheme | train --config CONFIG --tracking-uri s3://bucket/x | --tracking-uri: 's3://bucket/x' is not supported
      credentials in uri  | train --config CONFIG --tracking-uri http://me:pw@127.0.0.1:1 | tracker.uri must not contain credentials
      bad tracker option  | train --config CONFIG --tracking-uri http://127.0.0.1:1 --set tracker.timeoutSeconds=0 | tracker.timeoutSeconds must be in (0, 86400]
      push what           | push --to http://127.0.0.1:1 --tracking-dir TMP | give exactly one of --run ID, --experiment NAME or --all
      push where          | push --all --tracking-dir TMP                | --to http(s)://host:port is required
      push bad target     | push --all --to file:///x --tracking-dir TMP | --to must start with http:// or https://
      push unknown run    | push --run 0123456789abcdef0123456789abcdef --to http://127.0.0.1:1 --tracking-dir TMP | --run: no run 0123456789abcdef0123456789abcdef
      push no store       | push --all --to http://127.0.0.1:1 --tracking-dir /no/store | --tracking-dir: no file store at /no/store
      """)
  void badCommandLinesAreOneLineErrorsWithExitCode2(String what, String line, String expected) throws IOException {
    Path f = tmp.resolve("ok.yaml");
    Files.writeString(f, "dataset: {type: ring}\nlikelihood: {type: gaussian}\n");
    String[] args = line.replace("CONFIG", f.toString()).replace("TMP", tmp.toString()).trim().split("\\s+");
    Cli r = Cli.run(args);
    assertEquals(2, r.code(), what + ": " + r.err());
    assertTrue(r.err().contains(expected), what + ": " + r.err());
    assertOneLineNoTrace(r);
  }

  @Test
  void credentialsNeverAppearInErrors() {
    Cli r = Cli.run("train", "--config", "/no/such.yaml", "--tracking-uri", "http://me:hunter2@127.0.0.1:1");
    assertEquals(2, r.code());
    assertFalse(r.err().contains("hunter2") || r.out().contains("hunter2"), r.err());
  }

  private static void assertOneLineNoTrace(Cli r) {
    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
  }
}
