package org.vaelab.experiments.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.config.ConfigException;
import org.vaelab.experiments.config.Yaml;

/**
 * Model parameters, Adam moments and progress, stored as run artifacts
 * {@code checkpoint/model.bin} and {@code checkpoint/state.yaml}.
 *
 * @param epochsDone   completed epochs
 * @param stepsInEpoch batches done of the next epoch (non-zero when a run was stopped mid-epoch)
 * @param step         optimiser steps taken
 * @param stopping     where early stopping stands, or null when it is off
 * @param partial      what the batches done of a stopped epoch added up to, or null at an epoch's end
 */
public record Checkpoint(INDArray params, INDArray adamM, INDArray adamV, int epochsDone, int stepsInEpoch, long step,
    StoppingState stopping, PartialEpoch partial) {
  public static final String MODEL = "checkpoint/model.bin";
  public static final String STATE = "checkpoint/state.yaml";
  /** The parameters of the best epoch under early stopping, and their state (epoch, metric, value). */
  public static final String BEST_MODEL = "checkpoint/best/model.bin";
  public static final String BEST_STATE = "checkpoint/best/state.yaml";

  public Checkpoint(INDArray params, INDArray adamM, INDArray adamV, int epochsDone, int stepsInEpoch, long step) {
    this(params, adamM, adamV, epochsDone, stepsInEpoch, step, null, null);
  }

  /**
   * The sums of an epoch stopped part-way, so that the resumed epoch logs the whole epoch's figures.
   *
   * @param elboSum   Σ over its batches of the summed per-example ELBO
   * @param stepNanos time spent in its training steps
   * @param wallNanos time from the epoch's start to the stop
   */
  public record PartialEpoch(double elboSum, long stepNanos, long wallNanos) {}

  public byte[] modelBytes() {
    ByteSink bytes = new ByteSink();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      Nd4j.write(params, out);
      Nd4j.write(adamM, out);
      Nd4j.write(adamV, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The state for {@code model} (the bytes of {@link #modelBytes}), with their CRC-32 to detect a torn pair. */
  public byte[] stateBytes(byte[] model) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("modelCrc32", crc(model));
    m.put("epochsDone", epochsDone);
    m.put("stepsInEpoch", stepsInEpoch);
    m.put("step", step);
    m.put("parameters", params.length());
    if (stopping != null) {
      m.put("bestValue", stopping.best());
      m.put("bestEpoch", stopping.bestEpoch());
      m.put("epochsWithoutImprovement", stopping.bad());
      m.put("stoppedEarly", stopping.stopped());
    }
    if (partial != null) {
      m.put("epochElboSumSoFar", partial.elboSum());
      m.put("epochStepNanosSoFar", partial.stepNanos());
      m.put("epochWallNanosSoFar", partial.wallNanos());
    }
    return Yaml.dump(m).getBytes(StandardCharsets.UTF_8);
  }

  /** The best epoch's parameters alone (no optimiser state: they are only evaluated). */
  public static byte[] paramBytes(INDArray params) {
    ByteSink bytes = new ByteSink();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      Nd4j.write(params, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads what {@link #paramBytes} wrote. */
  public static INDArray readParams(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return Nd4j.read(in);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(BEST_MODEL + ": unreadable: " + e.getMessage());
    }
  }

  private static long crc(byte[] bytes) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(bytes);
    return c.getValue();
  }

  public static Checkpoint read(byte[] model, byte[] state) {
    Map<String, Object> s = Yaml.parseMap(new String(state, StandardCharsets.UTF_8), STATE);
    Object expected = s.get("modelCrc32");
    if (expected != null && ((Number) expected).longValue() != crc(model)) {
      throw new ConfigException(MODEL + " does not match " + STATE + " (the process stopped between the two writes);"
          + " this checkpoint cannot be used");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(model))) {
      StoppingState stopping = !s.containsKey("bestEpoch") ? null : new StoppingState(
          ((Number) s.get("bestValue")).doubleValue(), ((Number) s.get("bestEpoch")).intValue(),
          ((Number) s.get("epochsWithoutImprovement")).intValue(), Boolean.TRUE.equals(s.get("stoppedEarly")));
      PartialEpoch partial = !s.containsKey("epochElboSumSoFar") ? null : new PartialEpoch(
          ((Number) s.get("epochElboSumSoFar")).doubleValue(), ((Number) s.get("epochStepNanosSoFar")).longValue(),
          ((Number) s.getOrDefault("epochWallNanosSoFar", 0)).longValue());
      return new Checkpoint(Nd4j.read(in), Nd4j.read(in), Nd4j.read(in), ((Number) s.get("epochsDone")).intValue(),
          ((Number) s.getOrDefault("stepsInEpoch", 0)).intValue(), ((Number) s.get("step")).longValue(), stopping,
          partial);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(MODEL + ": unreadable checkpoint: " + e.getMessage());
    }
  }

  /**
   * A growing byte array without {@link ByteArrayOutputStream}'s locks: {@code Nd4j.write} writes a
   * float as four one-byte writes, each of which took the lock (figures: docs/performance.md).
   */
  private static final class ByteSink extends OutputStream {
    private byte[] buf = new byte[1 << 16];
    private int size;

    @Override
    public void write(int b) {
      if (size == buf.length) buf = Arrays.copyOf(buf, 2 * size);
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size + len > buf.length) buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + len));
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    byte[] toByteArray() { return Arrays.copyOf(buf, size); }
  }
}
