package org.vaelab.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.spi.DatasetProvider;
import org.vaelab.api.spi.PluginKind;

/** Contract of a dataset: loads a small config, finite values, labels aligned, reproducible. */
public abstract class DatasetContract<C extends Record, P extends DatasetProvider<C>> extends ProviderContract<C, P> {
  @Override protected PluginKind kind() { return PluginKind.DATASET; }

  /** A config that loads quickly in a unit test. */
  protected abstract C smallConfig();

  @Test
  void loadsFiniteAlignedReproducibleData() {
    Dataset a = provider().load(smallConfig());
    Dataset b = provider().load(smallConfig());
    assertTrue(Fixtures.allFinite(a.trainX()) && Fixtures.allFinite(a.testX()), "finite values");
    if (a.trainLabels() != null) assertEquals(a.trainX().size(0), a.trainLabels().length);
    if (a.testLabels() != null) assertEquals(a.testX().size(0), a.testLabels().length);
    if (a.imageShape() != null) {
      assertEquals(a.valuesPerExample(), (long) a.imageShape()[0] * a.imageShape()[1] * a.imageShape()[2]);
    }
    assertEquals(a.trainX(), b.trainX());
    assertEquals(a.testX(), b.testX());
  }
}
