package org.vaelab.experiments.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vaelab.api.engine.Activation;

/**
 * The activations of {@link VectorKernels} on columns [from, to) of one row at byte offset
 * {@code row}: one loop per activation, chosen outside the loop. With the activation switched inside
 * one loop, C2 inlined whichever cases the profile showed when it compiled; a compile with all four
 * (an early profile) left the tanh call out of line and kept every vector as an object: the
 * evaluation's activations ran 2.7x slower, in about one run of three (vae bench case 4: 245-294 s
 * instead of 192-210 s). The loop bodies (*Row) are compiled on their own (jit-directives.json).
 */
final class VectorActivations {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private VectorActivations() {}

  /** {@code p += bi} (none when bi is null), then {@code o = act(p)}; for IDENTITY o may be p. */
  static void forward(ByteBuffer p, ByteBuffer bi, ByteBuffer o, int row, int from, int to, Activation act) {
    if (bi != null) biasRow(p, bi, row, from, to);
    switch (act) {
      case RELU -> reluRow(p, o, row, from, to);
      case TANH -> tanhRow(p, o, row, from, to);
      case ELU -> eluRow(p, o, row, from, to);
      case IDENTITY -> {
        if (o != p) copyRow(p, o, row, from, to);
      }
    }
  }

  /** {@code dp = d * act'(p)} (from {@code o = act(p)} for TANH and ELU), added to {@code sums} unless null. */
  static void backward(ByteBuffer d, ByteBuffer p, ByteBuffer o, ByteBuffer dp, int row, int from, int to,
      Activation act, float[] sums) {
    switch (act) {
      case RELU -> reluBackwardRow(d, p, dp, row, from, to, sums);
      case TANH -> tanhBackwardRow(d, o, dp, row, from, to, sums);
      case ELU -> eluBackwardRow(d, o, dp, row, from, to, sums);
      case IDENTITY -> identityBackwardRow(d, dp, row, from, to, sums);
    }
  }

  private static void biasRow(ByteBuffer p, ByteBuffer bi, int row, int from, int to) {
    int j = from;
    for (int upper = from + S.loopBound(to - from); j < upper; j += S.length()) {
      FloatVector.fromByteBuffer(S, p, row + 4 * j, ORDER).add(FloatVector.fromByteBuffer(S, bi, 4 * j, ORDER))
          .intoByteBuffer(p, row + 4 * j, ORDER);
    }
    for (; j < to; j++) p.putFloat(row + 4 * j, p.getFloat(row + 4 * j) + bi.getFloat(4 * j));
  }

  private static void reluRow(ByteBuffer p, ByteBuffer o, int row, int from, int to) {
    int j = from;
    for (int upper = from + S.loopBound(to - from); j < upper; j += S.length()) {
      FloatVector.fromByteBuffer(S, p, row + 4 * j, ORDER).max(0f).intoByteBuffer(o, row + 4 * j, ORDER);
    }
    for (; j < to; j++) o.putFloat(row + 4 * j, Math.max(p.getFloat(row + 4 * j), 0f));
  }

  private static void tanhRow(ByteBuffer p, ByteBuffer o, int row, int from, int to) {
    int j = from;
    for (int upper = from + S.loopBound(to - from); j < upper; j += S.length()) {
      VectorMath.tanh(FloatVector.fromByteBuffer(S, p, row + 4 * j, ORDER)).intoByteBuffer(o, row + 4 * j, ORDER);
    }
    for (; j < to; j++) o.putFloat(row + 4 * j, (float) Math.tanh(p.getFloat(row + 4 * j)));
  }

  private static void eluRow(ByteBuffer p, ByteBuffer o, int row, int from, int to) {
    int j = from;
    for (int upper = from + S.loopBound(to - from); j < upper; j += S.length()) {
      FloatVector v = FloatVector.fromByteBuffer(S, p, row + 4 * j, ORDER);
      v.blend(VectorMath.expm1NonPositive(v.min(0f)), v.compare(VectorOperators.LE, 0f))
          .intoByteBuffer(o, row + 4 * j, ORDER);
    }
    for (; j < to; j++) {
      float v = p.getFloat(row + 4 * j);
      o.putFloat(row + 4 * j, v > 0 ? v : (float) Math.expm1(v));
    }
  }

  private static void copyRow(ByteBuffer p, ByteBuffer o, int row, int from, int to) {
    o.put(row + 4 * from, p, row + 4 * from, 4 * (to - from));
  }

  private static void reluBackwardRow(ByteBuffer d, ByteBuffer p, ByteBuffer dp, int row, int from, int to,
      float[] sums) {
    int j = from;
    for (int upper = from + S.loopBound(to - from); j < upper; j += S.length()) {
      int at = row + 4 * j;
      FloatVector v = FloatVector.fromByteBuffer(S, d, at, ORDER)
          .blend(0f, FloatVector.fromByteBuffer(S, p, at, ORDER).compare(VectorOperators.LE, 0f));
      v.intoByteBuffer(dp, at, ORDER);
      if (sums != null) FloatVector.fromArray(S, sums, j).add(v).intoArray(sums, j);
    }
    for (; j < to; j++) {
      int at = row + 4 * j;
      float v = p.getFloat(at) > 0 ? d.getFloat(at) : 0f;
      dp.putFloat(at, v);
      if (sums != null) sums[j] += v;
    }
  }

  private static void tanhBackwardRow(ByteBuffer d, ByteBuffer o, ByteBuffer dp, int row, int from, int to,
      float[] sums) {
    int j = from;
    for (int upper = from + S.loopBound(to - from); j < upper; j += S.length()) {
      int at = row + 4 * j;
      FloatVector y = FloatVector.fromByteBuffer(S, o, at, ORDER);
      FloatVector v = FloatVector.fromByteBuffer(S, d, at, ORDER).mul(y.mul(y).neg().add(1f));
      v.intoByteBuffer(dp, at, ORDER);
      if (sums != null) FloatVector.fromArray(S, sums, j).add(v).intoArray(sums, j);
    }
    for (; j < to; j++) {
      int at = row + 4 * j;
      float v = d.getFloat(at) * (1 - o.getFloat(at) * o.getFloat(at));
      dp.putFloat(at, v);
      if (sums != null) sums[j] += v;
    }
  }

  private static void eluBackwardRow(ByteBuffer d, ByteBuffer o, ByteBuffer dp, int row, int from, int to,
      float[] sums) {
    int j = from;
    for (int upper = from + S.loopBound(to - from); j < upper; j += S.length()) {
      int at = row + 4 * j;
      FloatVector g = FloatVector.fromByteBuffer(S, d, at, ORDER);
      FloatVector y = FloatVector.fromByteBuffer(S, o, at, ORDER);
      FloatVector v = g.blend(g.mul(y.add(1f)), y.compare(VectorOperators.LE, 0f));
      v.intoByteBuffer(dp, at, ORDER);
      if (sums != null) FloatVector.fromArray(S, sums, j).add(v).intoArray(sums, j);
    }
    for (; j < to; j++) {
      int at = row + 4 * j;
      float g = d.getFloat(at);
      float v = o.getFloat(at) > 0 ? g : g * (o.getFloat(at) + 1);
      dp.putFloat(at, v);
      if (sums != null) sums[j] += v;
    }
  }

  /** The gradient passes through: copied when dp is not d, summed unless sums is null. */
  private static void identityBackwardRow(ByteBuffer d, ByteBuffer dp, int row, int from, int to, float[] sums) {
    if (dp != d) copyRow(d, dp, row, from, to);
    if (sums == null) return;
    int j = from;
    for (int upper = from + S.loopBound(to - from); j < upper; j += S.length()) {
      FloatVector.fromArray(S, sums, j).add(FloatVector.fromByteBuffer(S, d, row + 4 * j, ORDER)).intoArray(sums, j);
    }
    for (; j < to; j++) sums[j] += d.getFloat(row + 4 * j);
  }
}
