package org.vaelab.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.train.Experiment;
import org.vaelab.experiments.train.RunStopped;
import org.vaelab.experiments.train.StopRequest;
import org.vaelab.experiments.train.TrainingFailure;
import org.vaelab.experiments.track.ServerException;

/** The {@code vae} command. Exit codes: 0 success, 1 the run failed, 2 bad input, 3 invalid sweep trial. */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  /** {@code sweep trial}: the trial's configuration is invalid; a scheduler must not retry it. */
  static final int INVALID_TRIAL = 3;

  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @Parameter(names = "--plugins", description = "directory of extra plugin jars")
  Path plugins;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  /** Runs the command line and returns the exit code (used by tests). */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    return run(args, out, err, terminal, System.getenv());
  }

  /** As {@link #run(String[], PrintStream, PrintStream, boolean)}, with the environment given. */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal, Map<String, String> env) {
    Main main = new Main();
    TrainCommand train = new TrainCommand();
    PluginsCommand pluginsCmd = new PluginsCommand();
    PushCommand push = new PushCommand();
    NewPluginCommand newPlugin = new NewPluginCommand();
    SweepCommand sweep = new SweepCommand();
    EvalCommand eval = new EvalCommand();
    SampleCommand sample = new SampleCommand();
    EncodeCommand encode = new EncodeCommand();
    ReconstructCommand reconstruct = new ReconstructCommand();
    InterpolateCommand interpolate = new InterpolateCommand();
    BenchCommand bench = new BenchCommand();
    JCommander jc = JCommander.newBuilder().programName("vae").addObject(main)
        .addCommand("train", train).addCommand("plugins", pluginsCmd).addCommand("push", push)
        .addCommand("new-plugin", newPlugin).addCommand("sweep", sweep)
        .addCommand("eval", eval).addCommand("sample", sample).addCommand("encode", encode)
        .addCommand("reconstruct", reconstruct).addCommand("interpolate", interpolate)
        .addCommand("bench", bench).build();
    try {
      jc.parse(args);
      String cmd = jc.getParsedCommand();
      boolean cmdHelp = cmd != null && switch (cmd) {
        case "train" -> train.help;
        case "push" -> push.help;
        case "new-plugin" -> newPlugin.help;
        case "sweep" -> sweep.help;
        case "eval" -> eval.help;
        case "sample" -> sample.help;
        case "encode" -> encode.help;
        case "reconstruct" -> reconstruct.help;
        case "interpolate" -> interpolate.help;
        case "bench" -> bench.help;
        default -> pluginsCmd.help;
      };
      if (main.help || cmd == null || cmdHelp) {
        StringBuilder sb = new StringBuilder();
        if (cmd == null) jc.getUsageFormatter().usage(sb); else jc.getUsageFormatter().usage(cmd, sb);
        out.print(sb);
        return main.help || cmdHelp ? OK : BAD_INPUT;
      }
      PluginRegistry registry = main.plugins == null ? PluginRegistry.load() : pluginsFrom(main.plugins);
      return switch (cmd) {
        case "train" -> train.run(registry, new Experiment.Console(out, terminal), env);
        case "plugins" -> pluginsCmd.run(registry, out);
        case "push" -> push.run(out, env);
        case "new-plugin" -> newPlugin.run(out);
        case "sweep" -> sweep.run(registry, main.plugins, new Experiment.Console(out, terminal), env);
        case "eval" -> eval.run(registry, out, env);
        case "sample" -> sample.run(registry, out, env);
        case "encode" -> encode.run(registry, out, env);
        case "reconstruct" -> reconstruct.run(registry, out, env);
        case "interpolate" -> interpolate.run(registry, out, env);
        case "bench" -> bench.run(registry, out);
        default -> BAD_INPUT;
      };
    } catch (SweepCommand.InvalidTrial e) {
      err.println("vae: " + e.getMessage());
      return INVALID_TRIAL;
    } catch (ParameterException | ConfigException | CliException e) {
      err.println("vae: " + e.getMessage());
      return BAD_INPUT;
    } catch (RunStopped e) {
      err.println("vae: " + e.getMessage());
      return StopRequest.EXIT_CODE;
    } catch (TrainingFailure | ServerException e) {
      err.println("vae: " + e.getMessage());
      return FAILED;
    } catch (java.io.UncheckedIOException e) {
      err.println("vae: " + e.getMessage());  // names the file and the cause, e.g. No space left on device
      return FAILED;
    } catch (LinkageError e) {
      // a native backend that cannot start, e.g. the -Pcuda build on a machine without the NVIDIA driver
      err.println("vae: cannot start ND4J's native backend: " + rootCause(e)
          + "; a -Pcuda build needs an NVIDIA GPU with its driver and CUDA 11.6, else build without -Pcuda");
      if (System.getenv("VAE_DEBUG") != null) e.printStackTrace(err);
      return FAILED;
    } catch (OutOfMemoryError e) {
      err.println("vae: out of memory (" + e.getMessage() + "); raise the heap with VAE_HEAP, e.g. VAE_HEAP=12g,"
          + " or lower training.batchSize");
      return FAILED;
    } catch (RuntimeException e) {
      err.println("vae: internal error: " + e + (System.getenv("VAE_DEBUG") == null ? " (set VAE_DEBUG=1 for details)" : ""));
      if (System.getenv("VAE_DEBUG") != null) e.printStackTrace(err);
      return FAILED;
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return String.valueOf(t.getMessage()).lines().findFirst().orElse(t.toString());
  }

  /** The registry with the jars of {@code dir}; the API's "plugin directory" is this command's --plugins. */
  private static PluginRegistry pluginsFrom(java.nio.file.Path dir) {
    try {
      return PluginRegistry.load(dir);
    } catch (org.vaelab.api.config.ConfigException e) {
      throw new CliException(e.getMessage().replaceFirst("^plugin directory: ", "--plugins: "));
    }
  }
}
