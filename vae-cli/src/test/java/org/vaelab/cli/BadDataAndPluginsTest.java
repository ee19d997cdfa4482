package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaelab.api.spi.KlScheduleProvider;

/**
 * The bad-input corpus for data files and plugin jars: each case writes its broken input, runs
 * {@code vae train}, and expects exit code 2 and one line naming the file and the fault.
 */
class BadDataAndPluginsTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  /** Writes its input under a fresh directory and returns the extra command-line arguments. */
  interface Setup {
    List<String> write(Path dir) throws Exception;
  }

  private static final String MODEL = "encoder: {type: mlp, hiddenDims: [4], latentDim: 2}\n"
      + "decoder: {type: mlp, hiddenDims: [4]}\ntraining: {epochs: 1, batchSize: 4}\nevaluation: {atEnd: false}\n";

  static Stream<Arguments> corpus() {
    return Stream.of(
        idx("idx: wrong magic number", d -> patchInt(d.resolve("train-images-idx3-ubyte"), 0, 0x801),
            "train-images-idx3-ubyte: not an IDX file of this kind (magic number 0x801, expected 0x803)"),
        idx("idx: truncated images", d -> truncate(d.resolve("train-images-idx3-ubyte"), 16 + 20),
            "train-images-idx3-ubyte: truncated IDX file"),
        idx("idx: truncated labels", d -> truncate(d.resolve("t10k-labels-idx1-ubyte"), 9),
            "t10k-labels-idx1-ubyte: truncated IDX file"),
        idx("idx: corrupt header", d -> patchInt(d.resolve("train-images-idx3-ubyte"), 8, 0),
            "train-images-idx3-ubyte: corrupt IDX header"),
        idx("idx: missing labels file", d -> Files.delete(d.resolve("t10k-labels-idx1-ubyte")),
            "has no t10k-labels-idx1-ubyte"),
        idx("idx: not gzip", d -> Files.move(d.resolve("train-images-idx3-ubyte"), d.resolve("train-images-idx3-ubyte.gz")),
            "train-images-idx3-ubyte.gz: cannot read"),
        idx("idx: labels count differs", d -> patchInt(d.resolve("train-labels-idx1-ubyte"), 4, 7),
            "train-labels-idx1-ubyte has 7 labels for 12 images"),
        idx("idx: empty dataset", d -> {
          images(d.resolve("t10k-images-idx3-ubyte"), 0);
          labels(d.resolve("t10k-labels-idx1-ubyte"), 0);
        }, "empty dataset (12 training and 0 test images)"),
        csv("csv: non-numeric cell", "a,b\n1,2\n3,x\n1,1\n2,2\n", "line 3, column 'b': 'x' is not a finite number"),
        csv("csv: ragged row", "a,b\n1,2\n3\n1,1\n2,2\n", "train.csv"),
        csv("csv: empty file", "", "train.csv: the file is empty"),
        csv("csv: header only", "a,b\n", "train.csv: no data rows after the header"),
        csv("csv: missing value", "a,b\n1,2\n,4\n1,1\n2,2\n", "line 3, column 'a': missing value"),
        csv("csv: infinite value", "a,b\n1,2\n3,Infinity\n1,1\n2,2\n", "'Infinity' is not a finite number"),
        Arguments.of("csv: missing file", (Setup) d -> config(d, "dataset: {type: csv, trainFile: " + d.resolve("no.csv")
            + "}\nlikelihood: {type: gaussian}\n" + MODEL), "no.csv does not exist", new String[0]),
        Arguments.of("images of the wrong size for a cnn", (Setup) d -> {
          Files.writeString(d.resolve("train.csv"), "a,b,c\n1,2,3\n3,4,5\n1,1,1\n2,2,2\n5,5,5\n");
          return config(d, "dataset: {type: csv, trainFile: " + d.resolve("train.csv") + ", testFraction: 0.4}\n"
              + "likelihood: {type: gaussian}\nencoder: {type: cnn}\ndecoder: {type: cnn}\n");
        }, "encoder.type: cnn needs image data", new String[0]),
        plugin("plugin: not a jar", d -> Files.writeString(d.resolve("notes.jar"), "just text"),
            "--plugins: notes.jar is not a readable jar"),
        plugin("plugin: a jar without plugins", d -> jar(d.resolve("library.jar"), List.of(), ""),
            "--plugins: library.jar provides no vaelab plugin"),
        plugin("plugin: listed class missing", d -> jar(d.resolve("ghost.jar"), List.of(), "ghost.Missing\n"),
            "cannot load a schedule plugin: org.vaelab.api.spi.KlScheduleProvider: Provider ghost.Missing not found (listed in ghost.jar)"),
        plugin("plugin: constructor throws", d -> providerJar(d, "boom.jar", "Boom", "\"boom\"",
            "throw new IllegalStateException(\"licence server unreachable\");"),
            "cannot load schedule plugin plug.Boom in boom.jar: its constructor failed: licence server unreachable"),
        plugin("plugin: duplicate id", d -> providerJar(d, "dup.jar", "Dup", "\"constant\"", ""),
            "duplicate schedule id 'constant'", "plug.Dup in dup.jar"),
        plugin("plugin: bad id", d -> providerJar(d, "caps.jar", "Caps", "\"Warm_Up\"", ""),
            "schedule plugin plug.Caps in caps.jar has id 'Warm_Up'; ids must match [a-z0-9-]+"),
        plugin("plugin: no API version", d -> jar(d.resolve("old.jar"), List.of(), "plug.Old\n", null),
            "--plugins: old.jar declares no Vaelab-Api-Version in its manifest; this vaelab runs plugin API 2.4"),
        plugin("plugin: newer API", d -> jar(d.resolve("new.jar"), List.of(), "plug.New\n", "3.0"),
            "--plugins: new.jar was built for plugin API 3.0; this vaelab runs 2.4: rebuild it"),
        plugin("plugin: older major API", d -> jar(d.resolve("old1.jar"), List.of(), "plug.Old\n", "1.0"),
            "--plugins: old1.jar was built for plugin API 1.0; this vaelab runs 2.4: rebuild it"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachBadInputIsOneLineWithExitCode2(String what, Setup setup, String expected, String... more) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("case"));
    List<String> extra = setup.write(dir);
    List<String> args = new ArrayList<>();
    if (extra.get(0).equals("--plugins")) args.addAll(extra.subList(0, 2));  // a global option, before the command
    args.addAll(List.of("train", "--tracking-dir", tmp.resolve("mlruns").toString()));
    args.addAll(extra.get(0).equals("--plugins") ? extra.subList(2, extra.size()) : extra);
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(2, r.code(), what + ": " + r.err());
    assertTrue(r.err().contains(expected), what + ": " + r.err());
    for (String m : more) assertTrue(r.err().contains(m), what + ": " + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:"), r.err());
  }

  interface Damage {
    void apply(Path dir) throws Exception;
  }

  /** A good 4x4 IDX directory (12 train, 6 test images), then {@code damage}. */
  private static Arguments idx(String what, Damage damage, String expected) {
    return Arguments.of(what, (Setup) d -> {
      Path data = Files.createDirectories(d.resolve("idx"));
      images(data.resolve("train-images-idx3-ubyte"), 12);
      labels(data.resolve("train-labels-idx1-ubyte"), 12);
      images(data.resolve("t10k-images-idx3-ubyte"), 6);
      labels(data.resolve("t10k-labels-idx1-ubyte"), 6);
      damage.apply(data);
      return config(d, "dataset: {type: idx, dir: " + data + "}\n" + MODEL);
    }, expected, new String[0]);
  }

  private static Arguments csv(String what, String content, String expected) {
    return Arguments.of(what, (Setup) d -> {
      Files.writeString(d.resolve("train.csv"), content);
      return config(d, "dataset: {type: csv, trainFile: " + d.resolve("train.csv") + ", testFraction: 0.25}\n"
          + "likelihood: {type: gaussian}\n" + MODEL);
    }, expected, new String[0]);
  }

  private static Arguments plugin(String what, Damage writeJar, String expected, String... more) {
    return Arguments.of(what, (Setup) d -> {
      Path plugins = Files.createDirectories(d.resolve("plugins"));
      writeJar.apply(plugins);
      List<String> args = new ArrayList<>(List.of("--plugins", plugins.toString()));
      args.addAll(config(d, "dataset: {type: ring}\nlikelihood: {type: gaussian}\n" + MODEL));
      return args;
    }, expected, more);
  }

  private static List<String> config(Path d, String yaml) throws IOException {
    Path f = d.resolve("bad.yaml");
    Files.writeString(f, yaml);
    return List.of("--config", f.toString());
  }

  private static void images(Path f, int n) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(f))) {
      out.writeInt(0x803);
      out.writeInt(n);
      out.writeInt(4);
      out.writeInt(4);
      for (int i = 0; i < n * 16; i++) out.writeByte(i * 37 % 256);
    }
  }

  private static void labels(Path f, int n) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(f))) {
      out.writeInt(0x801);
      out.writeInt(n);
      for (int i = 0; i < n; i++) out.writeByte(i % 10);
    }
  }

  private static void patchInt(Path f, long at, int value) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(at);
      raf.writeInt(value);
    }
  }

  private static void truncate(Path f, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(size);
    }
  }

  /** A jar with compiled classes from {@code classesDir} entries and a schedule service file listing {@code services}. */
  private static void jar(Path target, List<Path> classFiles, String services) throws IOException {
    jar(target, classFiles, services, org.vaelab.api.spi.PluginRegistry.API_VERSION);
  }

  /** As above, declaring plugin API {@code apiVersion} in the manifest (none when null). */
  private static void jar(Path target, List<Path> classFiles, String services, String apiVersion) throws IOException {
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    if (apiVersion != null) manifest.getMainAttributes().putValue("Vaelab-Api-Version", apiVersion);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
      for (Path c : classFiles) {
        out.putNextEntry(new JarEntry("plug/" + c.getFileName()));
        out.write(Files.readAllBytes(c));
      }
      if (!services.isEmpty()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + KlScheduleProvider.class.getName()));
        out.write(services.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Compiles a KL-schedule provider {@code plug.<name>} with the given id and constructor body into a jar. */
  private static void providerJar(Path dir, String jarName, String name, String id, String constructorBody)
      throws Exception {
    Path src = Files.createDirectories(shared.resolve("src-" + name).resolve("plug"));
    Files.writeString(src.resolve(name + ".java"), """
        package plug;
        import org.vaelab.api.spi.*;
        public class NAME implements KlScheduleProvider<NAME.Config> {
          public record Config(double beta) {}
          public NAME() { BODY }
          public String id() { return ID; }
          public String description() { return "test plugin"; }
          public Class<Config> configType() { return Config.class; }
          public Config defaultConfig() { return new Config(1); }
          public KlSchedule build(Config c) { return (step, perEpoch) -> c.beta(); }
        }
        """.replace("NAME", name).replace("BODY", constructorBody).replace("ID", id));
    Path classes = Files.createDirectories(shared.resolve("classes-" + name));
    String api = Path.of(KlScheduleProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    OutputStream quiet = OutputStream.nullOutputStream();
    int rc = javac.run(null, quiet, quiet, "-cp", api, "-d", classes.toString(), src.resolve(name + ".java").toString());
    assertEquals(0, rc, "test plugin compiles");
    List<Path> classFiles;
    try (Stream<Path> s = Files.list(classes.resolve("plug"))) {
      classFiles = s.toList();
    }
    jar(dir.resolve(jarName), classFiles, "plug." + name + "\n");
  }
}
