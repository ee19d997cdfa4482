package org.vaelab.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.api.config.ConfigException;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.testkit.DatasetContract;

class IdxImagesProviderTest extends DatasetContract<IdxImagesConfig, IdxImagesProvider> {
  @TempDir Path tmp;

  @Override protected IdxImagesProvider provider() { return new IdxImagesProvider(); }

  @Override
  protected IdxImagesConfig smallConfig() {
    try {
      Path dir = IdxTestFiles.write(tmp.resolve("idx"), 12, 5, 4, 3, true);
      return new IdxImagesConfig(dir.toString(), Binarization.NONE, 0, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected List<Map<String, Object>> invalidConfigs() {
    return List.of(Map.of("trainLimit", -1), Map.of("binarization", "sometimes"), Map.of("dir", ""));
  }

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    Dataset gz = provider().load(new IdxImagesConfig(IdxTestFiles.write(tmp.resolve("a"), 6, 2, 4, 3, true).toString(),
        Binarization.NONE, 0, 0));
    Dataset plain = provider().load(new IdxImagesConfig(IdxTestFiles.write(tmp.resolve("b"), 6, 2, 4, 3, false).toString(),
        Binarization.NONE, 4, 0));
    assertEquals(gz.trainX().getRows(0, 1, 2, 3), plain.trainX());
    assertArrayEquals(new int[] {1, 4, 3}, gz.imageShape());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, gz.trainLabels());
    assertEquals(37 / 255.0, gz.trainX().getDouble(0, 1), 1e-6);
  }

  @Test
  void thresholdAndDynamicBinarizationGiveZerosAndOnes() throws IOException {
    String dir = IdxTestFiles.write(tmp.resolve("c"), 6, 4, 4, 3, false).toString();
    for (Binarization b : new Binarization[] {Binarization.THRESHOLD, Binarization.DYNAMIC}) {
      Dataset d = provider().load(new IdxImagesConfig(dir, b, 0, 0));
      double ones = d.testX().sumNumber().doubleValue();
      assertEquals(ones, d.testX().mul(d.testX()).sumNumber().doubleValue(), 1e-9, b + ": values are 0 or 1");
      assertTrue(ones > 0 && ones < d.testX().length(), b.toString());
    }
  }

  @Test
  void missingDirectoryNamesTheInstallCommandForTheDefault() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> provider().load(new IdxImagesConfig(tmp.resolve("none").toString(), Binarization.NONE, 0, 0)));
    assertTrue(e.getMessage().startsWith("dataset.dir: "), e.getMessage());
    assertEquals(IdxImagesProvider.DEFAULT_DIR, provider().defaultConfig().dir());
  }

  @Test
  void corruptFilesAreClearErrors() throws IOException {
    Path dir = IdxTestFiles.write(tmp.resolve("d"), 6, 2, 4, 3, false);
    Path images = dir.resolve("train-images-idx3-ubyte");
    byte[] ok = Files.readAllBytes(images);
    Files.write(images, java.util.Arrays.copyOf(ok, ok.length - 5));
    IdxImagesConfig c = new IdxImagesConfig(dir.toString(), Binarization.NONE, 0, 0);
    assertTrue(assertThrows(ConfigException.class, () -> provider().load(c)).getMessage().contains("truncated"));
    ok[3] = 0x01;
    Files.write(images, ok);
    assertTrue(assertThrows(ConfigException.class, () -> provider().load(c)).getMessage().contains("magic number"));
  }
}
