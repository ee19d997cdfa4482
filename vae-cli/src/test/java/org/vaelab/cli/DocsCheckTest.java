package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs stay true: every {@code ./vae} command line in README.md and docs/ names a command that
 * exists and only options that command has, and every {@code experiments/*.yaml} they mention exists.
 */
class DocsCheckTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern COMMAND = Pattern.compile("\\./vae\\s+(?:--plugins\\s+\\S+\\s+)?([a-z][a-z-]*)(.*)");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-zA-Z][a-zA-Z-]*");
  private static final Pattern EXPERIMENT = Pattern.compile("experiments/[a-z0-9-]+\\.yaml");
  private static final List<String> GLOBAL = List.of("--plugins", "--help");

  private static List<Path> docs() throws IOException {
    List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    }
    return out;
  }

  @Test
  void everyDocumentedCommandAndOptionExists() throws IOException {
    Map<String, String> usage = new HashMap<>();
    int checked = 0;
    for (Path doc : docs()) {
      for (String line : Files.readAllLines(doc)) {
        for (int at = line.indexOf("./vae "); at >= 0; at = line.indexOf("./vae ", at + 1)) {
          int next = line.indexOf("./vae ", at + 1);
          Matcher m = COMMAND.matcher(line.substring(at, next < 0 ? line.length() : next));
          if (!m.lookingAt()) continue;
          String cmd = m.group(1);
          String help = usage.computeIfAbsent(cmd, c -> {
            Cli r = Cli.run(c, "--help");
            assertEquals(0, r.code(), doc.getFileName() + ": './vae " + c + "' is not a command: " + r.err());
            return r.out();
          });
          String rest = m.group(2).replaceAll("\\s#.*$", "");
          boolean inline = at > 0 && line.charAt(at - 1) == '`';
          if (inline && rest.indexOf('`') >= 0) rest = rest.substring(0, rest.indexOf('`'));  // prose after the code
          Matcher o = OPTION.matcher(rest);
          while (o.find()) {
            if (GLOBAL.contains(o.group())) continue;
            assertTrue(help.contains(o.group()), doc.getFileName() + ": './vae " + cmd + "' has no option " + o.group()
                + " (" + line.trim() + ")");
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 40, "the docs' command lines were found: " + checked + " options checked");
  }

  /** The configuration page's full config, every section with its keys, resolves as a config file would. */
  @Test
  void theDocumentedConfigResolves() throws IOException {
    String page = Files.readString(ROOT.resolve("docs/configuration.md"));
    int from = page.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = page.substring(from, page.indexOf("```", from));
    java.util.Map<String, Object> raw = org.vaelab.experiments.config.Yaml.parseMap(yaml, "docs/configuration.md");
    assertEquals(new java.util.TreeSet<>(org.vaelab.experiments.config.ExperimentConfig.KEYS),
        new java.util.TreeSet<>(raw.keySet()), "every top-level section");
    new org.vaelab.experiments.config.ConfigLoader(org.vaelab.api.spi.PluginRegistry.load())
        .resolve(raw, List.of(), "docs/configuration.md");
  }

  @Test
  void everyMentionedExperimentFileExists() throws IOException {
    int checked = 0;
    for (Path doc : docs()) {
      Matcher m = EXPERIMENT.matcher(Files.readString(doc));
      while (m.find()) {
        assertTrue(Files.isRegularFile(ROOT.resolve(m.group())), doc.getFileName() + " mentions " + m.group());
        checked++;
      }
    }
    assertTrue(checked > 10, "experiment files were found in the docs: " + checked);
  }
}
