package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.experiments.track.LocalRun;
import org.vaelab.experiments.track.LocalStore;
import org.vaelab.experiments.track.Pusher;
import org.vaelab.experiments.track.ServerConfig;
import org.vaelab.experiments.track.ServerProvider;
import org.vaelab.experiments.track.SpoolReplay;

/** {@code vae push}: copies runs of the local file store to an MLflow server. */
@Parameters(commandDescription = "Copy runs of the local MLflow file store to an MLflow server")
final class PushCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @Parameter(names = "--run", splitter = WholeValue.class, description = "run id to push (repeatable)")
  List<String> runs = new ArrayList<>();

  @Parameter(names = "--experiment", description = "push every run of this experiment")
  String experiment;

  @Parameter(names = "--all", description = "push every run of the store")
  boolean all;

  @Parameter(names = "--to", description = "the MLflow server, http(s)://host:port (default: $MLFLOW_TRACKING_URI)")
  String to;

  @Parameter(names = "--tracking-dir", description = "the local file store (default: mlruns)")
  Path dir = Path.of("mlruns");

  @Parameter(names = "--spool", description = "send what server runs of dead processes spooled to disk"
      + " (to the servers they run on; $VAE_SPOOL_DIR or ~/.vaelab/spool)")
  boolean spool;

  int run(PrintStream out, Map<String, String> env) {
    if (spool) {
      if (!runs.isEmpty() || experiment != null || all || to != null) {
        throw new CliException("push --spool: give no other option (each spooled run goes to its own server)");
      }
      SpoolReplay.pushAll(SpoolReplay.defaultRoot(), env, out);
      return 0;
    }
    int choices = (runs.isEmpty() ? 0 : 1) + (experiment == null ? 0 : 1) + (all ? 1 : 0);
    if (choices != 1) throw new CliException("push: give exactly one of --run ID, --experiment NAME or --all");
    String uri = to != null ? to : env.get(TrackingOptions.ENV);
    if (uri == null || uri.isBlank()) throw new CliException("push: --to http(s)://host:port is required (or set "
        + TrackingOptions.ENV + ")");
    ServerConfig target;
    try {
      target = RecordMaps.fromMap(ServerConfig.class, Map.of("uri", uri), new ServerProvider().defaultConfig(), "--to");
    } catch (ConfigException e) {
      throw new CliException(e.getMessage().replaceFirst("^--to\\.uri", "--to"));
    }
    LocalStore store = new LocalStore(dir);
    List<LocalRun> everything = store.runs();
    List<LocalRun> chosen = everything.stream().filter(r -> all || r.experiment().equals(experiment)
        || runs.contains(r.runId())).toList();
    for (String id : runs) {
      if (chosen.stream().noneMatch(r -> r.runId().equals(id))) throw new CliException("--run: no run " + id + " in " + store.root());
    }
    if (chosen.isEmpty()) {
      throw new CliException(experiment != null ? "--experiment: no runs of experiment '" + experiment + "' in "
          + store.root() : "--all: no runs in " + store.root());
    }
    try (Pusher pusher = new Pusher(target)) {
      List<Pusher.Outcome> done = pusher.push(chosen, everything, out);
      long fresh = done.stream().filter(o -> !o.alreadyPushed()).count();
      out.println("done: " + fresh + " pushed, " + (done.size() - fresh) + " already there");
    }
    return 0;
  }
}
