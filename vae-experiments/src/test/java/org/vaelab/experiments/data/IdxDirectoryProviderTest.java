package org.vaelab.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.api.data.Binarization;
import org.vaelab.api.testkit.DatasetContract;

class IdxDirectoryProviderTest extends DatasetContract<IdxImagesConfig, IdxDirectoryProvider> {
  @TempDir Path tmp;

  @Override protected IdxDirectoryProvider provider() { return new IdxDirectoryProvider(); }

  @Override
  protected IdxImagesConfig smallConfig() {
    try {
      return new IdxImagesConfig(IdxTestFiles.write(tmp.resolve("mnist"), 12, 5, 4, 3, false).toString(),
          Binarization.THRESHOLD, 0, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override protected List<Map<String, Object>> invalidConfigs() { return List.of(Map.of("dir", " ")); }

  @Test
  void theDatasetIsNamedAfterItsDirectory() {
    assertEquals("mnist", provider().load(smallConfig()).name());
  }
}
