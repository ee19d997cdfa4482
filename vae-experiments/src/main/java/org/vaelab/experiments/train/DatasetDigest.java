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
    INDArray whole = HostArrays.contiguousFromStart(x) || !x.isView() ? x : x.dup();
    ByteBuffer b = whole.data().asNio().duplicate();
    b.position(0).limit((int) (whole.length() * whole.data().getElementSize()));
    crc.update(b);
    crc.update(Arrays.toString(whole.shape()).getBytes(StandardCharsets.US_ASCII));
    return String.format("%08x", crc.getValue());
  }

  static String of(Dataset d) {
    CRC32C crc = new CRC32C();
    for (INDArray a : new INDArray[] {d.trainX(), d.testX()}) {
      INDArray whole = HostArrays.contiguousFromStart(a) || !a.isView() ? a : a.dup();
      ByteBuffer b = whole.data().asNio().duplicate();
      b.position(0).limit((int) (whole.length() * whole.data().getElementSize()));
      crc.update(b);
      crc.update(Arrays.toString(whole.shape()).getBytes(StandardCharsets.US_ASCII));
    }
    crc.update((Arrays.toString(d.trainLabels()) + Arrays.toString(d.testLabels())).getBytes(StandardCharsets.US_ASCII));
    return String.format("%08x", crc.getValue());
  }
}
