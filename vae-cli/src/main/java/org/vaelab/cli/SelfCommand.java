package org.vaelab.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs this same JVM (options and class path) on the vae command line: how sweeps start workers. */
final class SelfCommand {
  private SelfCommand() {}

  /** {@code java <this JVM's options> -cp <class path> Main [--plugins DIR] args… [tracking options]}. */
  static List<String> of(Path pluginsDir, TrackingOptions tracking, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) cmd.add(a);
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    if (pluginsDir != null) cmd.addAll(List.of("--plugins", pluginsDir.toAbsolutePath().toString()));
    cmd.addAll(args);
    if (tracking.uri != null) cmd.addAll(List.of("--tracking-uri", tracking.uri));
    if (tracking.dir != null) cmd.addAll(List.of("--tracking-dir", Path.of(tracking.dir).toAbsolutePath().toString()));
    return cmd;
  }
}
