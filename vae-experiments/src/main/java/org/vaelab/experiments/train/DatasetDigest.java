package org.vaelab.experiments.train;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaelab.api.engine.HostArrays;
import org.vaelab.api.data.Dataset;

/** A short content digest of a dataset's arrays and labels (what MLflow shows as the dataset's digest). */
public final class DatasetDigest {
  private DatasetDigest() {}

  /** The digest of one split's examples. */
  public static String of(INDArray x) {
    CRC32C crc = new CRC32C();
    update(crc, x);
    return String.format("%08x", crc.getValue());
  }

  static String of(Dataset d) {
    CRC32C crc = new CRC32C();
    update(crc, d.trainX());
    update(crc, d.testX());
    crc.update((Arrays.toString(d.trainLabels()) + Arrays.toString(d.testLabels())).getBytes(StandardCharsets.US_ASCII));
    return String.format("%08x", crc.getValue());
  }

  /** Adds the elements' bytes and the shape (a view that does not start its memory is copied first). */
  private static void update(CRC32C crc, INDArray x) {
    INDArray whole = !x.isView() || HostArrays.contiguousFromStart(x) ? x : x.dup();
    ByteBuffer b = whole.data().asNio().duplicate();
    b.position(0).limit((int) (whole.length() * whole.data().getElementSize()));
    crc.update(b);
    crc.update(Arrays.toString(whole.shape()).getBytes(StandardCharsets.US_ASCII));
  }
}
