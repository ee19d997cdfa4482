package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code vae new-plugin}: generates a plugin module that builds, passes the test kit, and loads with --plugins. */
@Parameters(commandDescription = "Generate a plugin module: provider, config record, services file, test kit test")
final class NewPluginCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  @Parameter(names = "--kind", required = true, description = "encoder, decoder, prior, posterior, schedule or objective")
  String kind;

  @Parameter(names = "--id", required = true, description = "the plugin id, e.g. my-prior")
  String id;

  @Parameter(names = "--package", required = true, description = "Java package, e.g. org.example.vae")
  String pkg;

  @Parameter(names = "--dir", description = "where to create the module (default: ./<id>)")
  Path dir;

  int run(PrintStream out) {
    Path target = dir != null ? dir : Path.of(id);
    List<Path> files = PluginScaffold.write(kind, id, pkg, target);
    files.forEach(f -> out.println("wrote " + f));
    out.println("next: cd " + target + " && mvn package && mkdir -p ../plugins && cp target/" + id
        + "-0.1.0.jar ../plugins/ && vae --plugins ../plugins plugins");
    return 0;
  }
}
