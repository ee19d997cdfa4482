package org.vaelab.experiments.data;

import org.vaelab.api.data.Binarization;
import org.vaelab.api.data.Dataset;
import org.vaelab.api.spi.DatasetProvider;

/** The {@code "idx"} dataset: any MNIST-format IDX directory (MNIST itself, KMNIST, …), named after the directory. */
public final class IdxDirectoryProvider implements DatasetProvider<IdxImagesConfig> {
  private final IdxImagesProvider images = new IdxImagesProvider();

  @Override public String id() { return "idx"; }

  @Override public String description() { return "any MNIST-format IDX directory (train-/t10k-images/labels, gzipped or not)"; }

  @Override public Class<IdxImagesConfig> configType() { return IdxImagesConfig.class; }

  @Override public IdxImagesConfig defaultConfig() { return new IdxImagesConfig("data/mnist", Binarization.NONE, 0, 0); }

  @Override public Dataset load(IdxImagesConfig c) { return images.load(c); }
}
