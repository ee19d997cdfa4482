package org.vaelab.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.util.Map;
import org.vaelab.api.config.RecordMaps;
import org.vaelab.api.spi.PluginKind;
import org.vaelab.api.spi.PluginOrigin;
import org.vaelab.api.spi.PluginProvider;
import org.vaelab.api.spi.PluginRegistry;
import org.vaelab.experiments.model.Plugins;

/** {@code vae plugins}: every plugin by kind, with the jar and version it came from, its config fields and defaults. */
@Parameters(commandDescription = "List the plugins by kind, with their config fields and defaults")
final class PluginsCommand {
  @Parameter(names = {"--help", "-h"}, help = true, description = "show this help")
  boolean help;

  int run(PluginRegistry registry, PrintStream out) {
    for (PluginKind kind : PluginKind.values()) {
      out.println(kind.key + ":");
      for (PluginProvider<?> p : registry.providers(kind)) {
        out.println("  " + p.id() + " - " + p.description() + "  [" + PluginOrigin.of(p.getClass()) + "]");
        for (Map.Entry<String, Object> f : RecordMaps.toMap(p.defaultConfig()).entrySet()) {
          out.println("      " + f.getKey() + ": " + f.getValue());
        }
      }
    }
    out.println("kernel backends (training.backend; auto takes the first that runs):");
    Plugins.backends().forEach((id, why) -> out.println("  " + id + why.map(w -> " - cannot run here: " + w).orElse(" - runs here")));
    return 0;
  }
}
