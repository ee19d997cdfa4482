package org.vaelab.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** What an integration test needs: without it the test is skipped, except under CI (.ci/run provides it), where it fails. */
final class Required {
  static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private Required() {}

  static void that(boolean there, String why) {
    if (there) return;
    if (System.getenv("CI") != null) fail(why);
    assumeTrue(false, why);
  }

  static void fashionMnist() {
    that(Files.isDirectory(FASHION_MNIST), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist;"
        + " .ci/run does it)");
  }
}
