package org.vaelab.experiments.backend;

import static org.vaelab.api.engine.HostArrays.floats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.vaelab.api.engine.Activation;
import org.vaelab.api.engine.Adam;
import org.vaelab.api.engine.ConvGeometry;
import org.vaelab.api.engine.Kernels;
import org.vaelab.api.engine.Likelihood;
import org.vaelab.api.engine.Nd4jKernels;

/**
 * The fast CPU backend ({@code cpu-vector}): float32 only, one-pass fused kernels written with the
 * JDK Vector API ({@code jdk.incubator.vector}, needs {@code --add-modules jdk.incubator.vector}),
 * and gemm straight through {@code cblas_sgemm} of MKL or OpenBLAS ({@link Blas}), skipping ND4J's
 * wrapper. Arrays must be row-major and contiguous (every buffer the engine allocates is); anything
 * else and the random normal draws (so both backends see the same noise) go to {@link Nd4jKernels}.
 * Convolutions are unrolled into gemms ({@link VectorConvolution}).
 */
public final class VectorKernels implements Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();
  /** Below this many parameters one core does the whole Adam step (handing half over costs ~20 us). */
  private static final int SPLIT_ADAM_ABOVE = 1 << 16;
  /** Above this many elements the activations and their gradients split over two cores (see {@link #columnSplit}). */
  private static final int SPLIT_ROWS_ABOVE = 1 << 18;
  /**
   * Elements per call of the long loops' bodies (Adam, sums of squares; a multiple of every vector
   * length). Each kernel's loop over rows or chunks calls a small method (*Row, *Chunk, *Piece) many
   * times per step, so C2 compiles it within a few steps, once; a loop over the whole array in one call
   * was compiled twice (on-stack replacement, then normal entry) and later, and Vector API code runs
   * ~40x slower until C2 compiles it. 64 AVX-512 iterations, so C2 compiles a chunk at normal entry
   * before its loop count asks for an on-stack replacement.
   */
  private static final int CHUNK = 1024;
  /**
   * Elements per call of the scalar loops' bodies (KL, reparameterisation), which work on heap copies:
   * called many times per step, so C2 compiles them once, early, and small. On the off-heap buffers
   * each access inlined the buffer's bounds and scope checks: C2 spent 57 ms on the KL's row and 100 ms
   * on the reparameterisation's two bodies, in the first second of training.
   */
  private static final int PIECE = 256;
  /** Factors 1 + e multiplied before one log in the Bernoulli kernel (at most 2^64). */
  private static final int PRODUCT_FACTORS = 64;
  private final Nd4jKernels reference = new Nd4jKernels(DataType.FLOAT);
  /** Worker instances (see {@link #workers}) keep to their own thread: the other cores run other workers. */
  private final boolean worker;

  /** Whether this is a worker instance (see {@link #workers}). */
  boolean isWorker() { return worker; }
  /** Threads for this instance's products: every core, or 1 with convolutions (see {@link #planConvolutions}). */
  private int productThreads;
  /** Whether products split their rows into two halves run as the convolutions' are (see {@link #planConvolutions}). */
  private boolean splitProducts;
  /** Multiply-adds above which a product splits once {@link #splitProducts} is set (the layers' heads stay whole). */
  private static final long SPLIT_PRODUCT_ABOVE = 1L << 21;
  private final Blas.Library library = Blas.library();
  /** Each core's lane sums and last elements' sum of the gradient's squares in {@link #adamReadingSquares}. */
  private final float[][] adamLanes = new float[2][S.length()];
  private final double[] adamTails = new double[2];
  private final VectorConvolution conv = new VectorConvolution(this);
  private float[] columnSums = new float[0];
  private float[][] rows = new float[0][0];
  /** Heap copies for the scalar kernels' pieces: 5 of PIECE floats (or of a row, when longer). */
  private float[][] pieces = new float[5][PIECE];

  /**
   * Uses every core for gemm (one once convolutions are planned), set explicitly: the BLAS would
   * otherwise take OMP_NUM_THREADS=1, which the launcher sets for ND4J's element-wise ops.
   */
  public VectorKernels() {
    Nd4j.getExecutioner();
    org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(Blas.gemmThreads());
    worker = false;
    productThreads = Blas.gemmThreads();
    Blas.useThreads(productThreads);
  }

  private VectorKernels(boolean worker) {
    this.worker = worker;
    productThreads = 1;
  }

  /** The BLAS library behind the products, with its version. */
  public static String blas() {
    return Blas.describe();
  }

  /**
   * With convolutions every product keeps to one thread, and the convolutions run on two batch halves
   * at once ({@link #inHalves}): the BLAS's idle second thread spins after each product and would
   * starve the other half. The large products (the dense layers) split their rows the same way, so
   * they keep both cores; they split one after the other in a worker or on one core, for the same
   * bits.
   */
  @Override
  public void planConvolutions() {
    splitProducts = true;
    if (!worker && TwoCores.available()) productThreads = 1;
  }

  /**
   * Runs {@code half} for half 0 and half 1: at once with one-thread products when this instance may
   * take the helper core (not a worker), else one after the other.
   */
  void inHalves(java.util.function.IntConsumer half) {
    if (worker || !TwoCores.available()) {
      half.accept(0);
      half.accept(1);
      return;
    }
    Blas.useThreads(1);
    TwoCores.run(2, 1, (from, to) -> half.accept(from), "a convolution");
  }

  /**
   * One instance per worker, and single-threaded products while the section lasts: independent
   * one-thread products use the cores better than one two-thread product, and the element-wise
   * kernels run in parallel too.
   * The BLAS thread count is process-wide, so only one section may be open at a time.
   */
  @Override
  public java.util.List<Kernels> workers(int max) {
    Blas.useThreads(1);
    java.util.List<Kernels> out = new java.util.ArrayList<>();
    for (int i = 0; i < max; i++) out.add(new VectorKernels(true));
    return out;
  }

  @Override
  public void endWorkers() {
    Blas.useThreads(productThreads);
  }

  @Override public String name() { return "cpu-vector"; }

  @Override public DataType dataType() { return DataType.FLOAT; }

  @Override public INDArray create(long... shape) { return Nd4j.create(DataType.FLOAT, shape); }

  /**
   * True when every array is float32, row-major and contiguous. A vector's ordering does not matter
   * (ND4J reports 'f' for an interval of one).
   */
  private static boolean fast(INDArray... arrays) {
    for (INDArray a : arrays) {
      if (a == null) continue;
      if (a.dataType() != DataType.FLOAT || (a.rank() > 1 && a.ordering() != 'c')
          || (a.length() > 1 && a.elementWiseStride() != 1)) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuffer bytes(INDArray a) {
    return new FloatPointer(a.data().addressPointer()).capacity(a.length()).asByteBuffer().order(ORDER);
  }

  private static FloatPointer pointer(INDArray a) {
    return new FloatPointer(a.data().addressPointer());
  }

  @Override
  public void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
    gemm(a, b, c, transA, transB, alpha, beta, splitProducts);
  }

  /** {@link #gemm} on the calling thread, whole (the convolutions' halves call it from their own threads). */
  void gemmHere(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
    gemm(a, b, c, transA, transB, alpha, beta, false);
  }

  /** A large product splits the rows of op(A) and C into two halves ({@link #inHalves}) when {@code mayHalve}. */
  private void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta,
      boolean mayHalve) {
    if (!fast(a, b, c) || a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
      reference.gemm(a, b, c, transA, transB, alpha, beta);
      return;
    }
    int m = (int) c.size(0);
    int n = (int) c.size(1);
    int k = (int) (transA ? a.size(0) : a.size(1));
    int lda = (int) a.size(1);
    int ldb = (int) b.size(1);
    if (!mayHalve || m < 2 || (long) m * n * k <= SPLIT_PRODUCT_ABOVE) {
      product(transA, transB, m, n, k, alpha, pointer(a), lda, pointer(b), ldb, beta, pointer(c), n);
      return;
    }
    int upper = m / 2;
    FloatPointer pa = pointer(a);
    FloatPointer pb = pointer(b);
    FloatPointer pc = pointer(c);
    inHalves(h -> {
      int from = h == 0 ? 0 : upper;
      int rows = h == 0 ? upper : m - upper;
      // rows [from, from + rows) of op(A) and of C: op(A)'s row i starts at a + i·lda, or at a + i when transposed
      FloatPointer ah = new FloatPointer(pa).position((long) from * (transA ? 1 : lda));
      FloatPointer ch = new FloatPointer(pc).position((long) from * n);
      product(transA, transB, rows, n, k, alpha, ah, lda, pb, ldb, beta, ch, n);
    });
  }

  private void product(boolean transA, boolean transB, int m, int n, int k, double alpha, FloatPointer a, int lda,
      FloatPointer b, int ldb, double beta, FloatPointer c, int ldc) {
    // the count is process-wide and rounding depends on it: each instance sets its own (a compare when unchanged)
    if (!worker) Blas.useThreads(productThreads);
    Blas.sgemm(library, transA, transB, m, n, k, (float) alpha, a, lda, b, ldb, (float) beta, c, ldc);
  }

  @Override
  public void biasActivation(INDArray pre, INDArray bias, Activation act, INDArray out) {
    if (!fast(pre, bias, out)) {
      reference.biasActivation(pre, bias, act, out);
      return;
    }
    int rows = (int) pre.size(0);
    int cols = (int) pre.size(1);
    ByteBuffer p = bytes(pre);
    ByteBuffer bi = bias == null ? null : bytes(bias);
    ByteBuffer o = out == pre ? p : bytes(out);
    TwoCores.run(cols, columnSplit(rows, cols), (from, to) -> {
      for (int r = 0; r < rows; r++) VectorActivations.forward(p, bi, o, r * cols * 4, from, to, act);
    }, "the activation");
  }

  /**
   * Where large element-wise row loops split their columns between two cores (0: not at all): above
   * SPLIT_ROWS_ABOVE elements, at a whole vector. Each column's values and sums are computed in the
   * same order either way, so are the bits.
   */
  private int columnSplit(int rows, int cols) {
    return (long) rows * cols > SPLIT_ROWS_ABOVE && !worker ? S.loopBound(cols / 2) : 0;
  }

  @Override
  public void activationBackward(INDArray dOut, INDArray pre, INDArray out, Activation act, INDArray dPre,
      INDArray dBias) {
    if (!fast(dOut, pre, out, dPre, dBias)) {
      reference.activationBackward(dOut, pre, out, act, dPre, dBias);
      return;
    }
    int rows = (int) dOut.size(0);
    int cols = (int) dOut.size(1);
    float[] sums = dBias == null ? null : zeroedColumnSums(cols);
    ByteBuffer d = bytes(dOut);
    ByteBuffer p = bytes(pre);
    ByteBuffer o = bytes(out);
    ByteBuffer dp = dPre == dOut ? d : bytes(dPre);
    TwoCores.run(cols, columnSplit(rows, cols), (from, to) -> {
      for (int r = 0; r < rows; r++) VectorActivations.backward(d, p, o, dp, r * cols * 4, from, to, act, sums);
    }, "the activation's gradient");
    if (dBias == null) return;
    ByteBuffer b = bytes(dBias);
    for (int j = 0; j < cols; j++) b.putFloat(4 * j, b.getFloat(4 * j) + sums[j]);
  }

  private float[] zeroedColumnSums(int cols) {
    if (columnSums.length < cols) columnSums = new float[cols];
    java.util.Arrays.fill(columnSums, 0, cols, 0f);
    return columnSums;
  }

  @Override
  public double bernoulliLogLikelihood(INDArray logits, INDArray x, INDArray dLogits, double scale,
      INDArray perExample) {
    if (!fast(logits, x, dLogits, perExample)) {
      return reference.bernoulliLogLikelihood(logits, x, dLogits, scale, perExample);
    }
    int rows = (int) logits.size(0);
    int cols = (int) logits.size(1);
    FloatBuffer l = floats(logits);
    FloatBuffer xs = floats(x);
    FloatBuffer g = floats(dLogits);
    ByteBuffer per = perExample == null ? null : bytes(perExample);
    boolean valueOnly = scale == 0;  // the gradient would be all zeros: not written (Likelihood's contract)
    float[][] row = rowScratch(3, cols);
    double total = 0;
    for (int r = 0; r < rows; r++) {
      toHeapPiece(l, r * cols, row[0], cols);
      toHeapPiece(xs, r * cols, row[1], cols);
      double rowSum = bernoulliRow(row[0], row[1], valueOnly ? null : row[2], (float) scale, cols);
      if (!valueOnly) fromHeapPiece(row[2], g, r * cols, cols);
      if (per != null) per.putFloat(4 * r, (float) rowSum);
      total += rowSum;
    }
    return total;
  }

  /**
   * One row on heap copies: off-heap loads in the same loop as the polynomial exp and log1p exceed
   * C2's inlining budget, which leaves the vectors boxed.
   * log p = x·l − softplus(l), softplus(l) = max(l, 0) + log1p(e), e = exp(−|l|);
   * d/dl = x − sigmoid(l), sigmoid(l) = 1/(1+e) for l ≥ 0, e/(1+e) otherwise.
   */
  private static double bernoulliRow(float[] l, float[] x, float[] g, float scale, int cols) {
    int upper = S.loopBound(cols);
    FloatVector acc = FloatVector.zero(S);
    FloatVector product = FloatVector.broadcast(S, 1f);  // of the factors 1 + e: their logs sum to Σ log1p(e)
    int j = 0;
    for (int factors = 0; j < upper; j += S.length()) {
      FloatVector lv = FloatVector.fromArray(S, l, j);
      FloatVector xv = FloatVector.fromArray(S, x, j);
      FloatVector e = VectorMath.expNonPositive(lv.abs().neg());
      FloatVector onePlusE = e.add(1f);
      acc = acc.add(xv.mul(lv).sub(lv.max(0f)));
      product = product.mul(onePlusE);
      if (++factors == PRODUCT_FACTORS) {  // each factor is at most 2: flushed long before 2^128
        acc = acc.sub(VectorMath.logAtLeastOne(product));
        product = FloatVector.broadcast(S, 1f);
        factors = 0;
      }
      if (g == null) continue;
      FloatVector sig = FloatVector.broadcast(S, 1f).blend(e, lv.compare(VectorOperators.LT, 0f)).div(onePlusE);
      xv.sub(sig).mul(scale).intoArray(g, j);
    }
    acc = acc.sub(VectorMath.logAtLeastOne(product));
    double rowSum = VectorMath.laneSum(acc);
    for (; j < cols; j++) {
      double e = Math.exp(-Math.abs(l[j]));
      rowSum += x[j] * l[j] - Math.max(l[j], 0f) - Math.log1p(e);
      if (g != null) g[j] = (float) ((x[j] - (l[j] >= 0 ? 1 : e) / (1 + e)) * scale);
    }
    return rowSum;
  }



  /** {@code count} float rows of at least {@code cols}, reused across calls. */
  private float[][] rowScratch(int count, int cols) {
    if (rows.length < count || rows[0].length != cols) {
      rows = new float[count][cols];
    }
    return rows;
  }

  @Override
  public double gaussianLogLikelihood(INDArray mean, INDArray x, double sigma, INDArray dMean, double scale,
      INDArray perExample) {
    if (!fast(mean, x, dMean, perExample)) {
      return reference.gaussianLogLikelihood(mean, x, sigma, dMean, scale, perExample);
    }
    int rows = (int) mean.size(0);
    int cols = (int) mean.size(1);
    ByteBuffer m = bytes(mean);
    ByteBuffer xs = bytes(x);
    ByteBuffer g = bytes(dMean);
    ByteBuffer per = perExample == null ? null : bytes(perExample);
    float gradScale = (float) (scale / (sigma * sigma));
    double constant = cols * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI));
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double squares = gaussianRow(m, xs, g, r * cols * 4, cols, gradScale);
      double rowSum = -0.5 * squares / (sigma * sigma) - constant;
      if (per != null) per.putFloat(4 * r, (float) rowSum);
      total += rowSum;
    }
    return total;
  }

  /** One row's sum of squared differences (byte offset {@code row}), writing its gradient. */
  private static double gaussianRow(ByteBuffer m, ByteBuffer xs, ByteBuffer g, int row, int cols, float gradScale) {
    int upper = S.loopBound(cols);
    FloatVector acc = FloatVector.zero(S);
    int j = 0;
    for (; j < upper; j += S.length()) {
      int at = row + 4 * j;
      FloatVector d = FloatVector.fromByteBuffer(S, xs, at, ORDER).sub(FloatVector.fromByteBuffer(S, m, at, ORDER));
      acc = acc.add(d.mul(d));
      d.mul(gradScale).intoByteBuffer(g, at, ORDER);
    }
    double squares = VectorMath.laneSum(acc);
    for (; j < cols; j++) {
      int at = row + 4 * j;
      float d = xs.getFloat(at) - m.getFloat(at);
      squares += d * d;
      g.putFloat(at, d * gradScale);
    }
    return squares;
  }

  @Override
  public double standardNormalKl(INDArray mu, INDArray logVar, INDArray dMu, INDArray dLogVar, double scale,
      INDArray perExample) {
    if (!fast(mu, logVar, dMu, dLogVar, perExample)) {
      return reference.standardNormalKl(mu, logVar, dMu, dLogVar, scale, perExample);
    }
    int rows = (int) mu.size(0);
    int cols = (int) mu.size(1);
    FloatBuffer[] b = {floats(mu), floats(logVar), floats(dMu), floats(dLogVar)};
    ByteBuffer per = perExample == null ? null : bytes(perExample);
    float[][] h = pieces(cols);
    int rowsPerPiece = h[0].length / cols;
    double total = 0;
    for (int r0 = 0; r0 < rows; r0 += rowsPerPiece) {
      int n = Math.min(rowsPerPiece, rows - r0) * cols;
      for (int i = 0; i < 4; i++) toHeapPiece(b[i], r0 * cols, h[i], n);
      for (int r = 0; r < n / cols; r++) {
        double rowSum = klRow(h, r * cols, cols, scale);
        if (per != null) per.putFloat(4 * (r0 + r), (float) rowSum);
        total += rowSum;
      }
      fromHeapPiece(h[2], b[2], r0 * cols, n);
      fromHeapPiece(h[3], b[3], r0 * cols, n);
    }
    return total;
  }

  /** One row's KL (heap copies {@code h}: mu, logVar, dMu, dLogVar; from {@code at}), adding its gradients. */
  private static double klRow(float[][] h, int at, int cols, double scale) {
    float[] m = h[0];
    float[] lv = h[1];
    float[] dm = h[2];
    float[] dl = h[3];
    double rowSum = 0;
    for (int j = at; j < at + cols; j++) {
      float mj = m[j];
      float l = lv[j];
      float e = (float) Math.exp(l);
      rowSum += 0.5 * (mj * mj + e - 1 - l);
      dm[j] = dm[j] + (float) (scale * mj);
      dl[j] = dl[j] + (float) (0.5 * scale * (e - 1));
    }
    return rowSum;
  }

  /** Five heap arrays of PIECE floats, or of {@code cols} when longer. */
  private float[][] pieces(int cols) {
    if (pieces[0].length < cols) pieces = new float[5][cols];
    return pieces;
  }

  /** Copies {@code n} floats of {@code b} from index {@code at} into {@code h}: one compiled copy for every kernel. */
  private static void toHeapPiece(FloatBuffer b, int at, float[] h, int n) {
    b.get(at, h, 0, n);
  }

  /** Copies the first {@code n} floats of {@code h} into {@code b} from index {@code at}. */
  private static void fromHeapPiece(float[] h, FloatBuffer b, int at, int n) {
    b.put(at, h, 0, n);
  }

  @Override
  public void reparameterize(INDArray mu, INDArray logVar, INDArray eps, INDArray z) {
    if (!fast(mu, logVar, eps, z)) {
      reference.reparameterize(mu, logVar, eps, z);
      return;
    }
    inPieces(new FloatBuffer[] {floats(mu), floats(logVar), floats(eps), floats(z)}, 3, 3,
        VectorKernels::reparameterizePiece);
  }

  /** The scalar body of a kernel on the first n floats of each heap copy. */
  private interface PieceBody {
    void run(float[][] h, int n);
  }

  /**
   * Runs {@code body} over the buffers in pieces of PIECE floats on heap copies: the first {@code read}
   * buffers are copied in, and those from {@code write} on are copied back.
   */
  private void inPieces(FloatBuffer[] b, int read, int write, PieceBody body) {
    int total = b[0].capacity();
    for (int from = 0; from < total; from += PIECE) {
      int n = Math.min(PIECE, total - from);
      for (int i = 0; i < read; i++) toHeapPiece(b[i], from, pieces[i], n);
      body.run(pieces, n);
      for (int i = write; i < b.length; i++) fromHeapPiece(pieces[i], b[i], from, n);
    }
  }

  /** z = mu + exp(logVar / 2) * eps over the first n of the heap copies {@code h} (mu, logVar, eps, z): see {@link #PIECE}. */
  private static void reparameterizePiece(float[][] h, int n) {
    float[] m = h[0];
    float[] lv = h[1];
    float[] e = h[2];
    float[] z = h[3];
    int upper = S.loopBound(n);
    int j = 0;
    for (; j < upper; j += S.length()) {
      FloatVector sd = VectorMath.exp(FloatVector.fromArray(S, lv, j).mul(0.5f));
      FloatVector.fromArray(S, m, j).add(sd.mul(FloatVector.fromArray(S, e, j))).intoArray(z, j);
    }
    for (; j < n; j++) z[j] = m[j] + VectorMath.exp(0.5f * lv[j]) * e[j];
  }

  @Override
  public void reparameterizeBackward(INDArray dz, INDArray logVar, INDArray eps, INDArray dMu, INDArray dLogVar) {
    if (!fast(dz, logVar, eps, dMu, dLogVar)) {
      reference.reparameterizeBackward(dz, logVar, eps, dMu, dLogVar);
      return;
    }
    inPieces(new FloatBuffer[] {floats(dz), floats(logVar), floats(eps), floats(dMu), floats(dLogVar)}, 5, 3,
        VectorKernels::reparameterizeBackwardPiece);
  }

  /** Adds the gradients of {@link #reparameterizePiece} over the first n of {@code h}: dz, logVar, eps, dMu, dLogVar. */
  private static void reparameterizeBackwardPiece(float[][] h, int n) {
    float[] g = h[0];
    float[] lv = h[1];
    float[] e = h[2];
    float[] dm = h[3];
    float[] dl = h[4];
    int upper = S.loopBound(n);
    int j = 0;
    for (; j < upper; j += S.length()) {
      FloatVector gz = FloatVector.fromArray(S, g, j);
      FloatVector sd = VectorMath.exp(FloatVector.fromArray(S, lv, j).mul(0.5f));
      FloatVector.fromArray(S, dm, j).add(gz).intoArray(dm, j);
      FloatVector.fromArray(S, dl, j).add(gz.mul(FloatVector.fromArray(S, e, j)).mul(sd).mul(0.5f)).intoArray(dl, j);
    }
    for (; j < n; j++) {
      float gz = g[j];
      dm[j] = dm[j] + gz;
      dl[j] = dl[j] + gz * e[j] * VectorMath.exp(0.5f * lv[j]) * 0.5f;
    }
  }

  @Override
  public void sigmoid(INDArray in, INDArray out) {
    if (!fast(in, out)) {
      reference.sigmoid(in, out);
      return;
    }
    ByteBuffer i = bytes(in);
    ByteBuffer o = bytes(out);
    int n = (int) in.length();
    int upper = S.loopBound(n);
    int j = 0;
    for (; j < upper; j += S.length()) {
      VectorMath.sigmoid(FloatVector.fromByteBuffer(S, i, 4 * j, ORDER)).intoByteBuffer(o, 4 * j, ORDER);
    }
    for (; j < n; j++) o.putFloat(4 * j, sigmoid(i.getFloat(4 * j)));
  }

  /** The scalar sigmoid of the kernels' tails. */
  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }

  @Override
  public void gate(INDArray value, INDArray gatePre, INDArray g, INDArray out) {
    if (!fast(value, gatePre, g, out)) {
      reference.gate(value, gatePre, g, out);
      return;
    }
    ByteBuffer v = bytes(value);
    ByteBuffer p = bytes(gatePre);
    ByteBuffer gb = bytes(g);
    ByteBuffer o = bytes(out);
    int n = (int) value.length();
    int upper = S.loopBound(n);
    int j = 0;
    for (; j < upper; j += S.length()) {
      FloatVector sig = VectorMath.sigmoid(FloatVector.fromByteBuffer(S, p, 4 * j, ORDER));
      sig.intoByteBuffer(gb, 4 * j, ORDER);
      FloatVector.fromByteBuffer(S, v, 4 * j, ORDER).mul(sig).intoByteBuffer(o, 4 * j, ORDER);
    }
    for (; j < n; j++) {
      float sig = sigmoid(p.getFloat(4 * j));
      gb.putFloat(4 * j, sig);
      o.putFloat(4 * j, v.getFloat(4 * j) * sig);
    }
  }

  @Override
  public void gateBackward(INDArray dOut, INDArray value, INDArray g, INDArray dValue, INDArray dGatePre) {
    if (!fast(dOut, value, g, dValue, dGatePre)) {
      reference.gateBackward(dOut, value, g, dValue, dGatePre);
      return;
    }
    ByteBuffer d = bytes(dOut);
    ByteBuffer v = bytes(value);
    ByteBuffer gb = bytes(g);
    ByteBuffer dv = bytes(dValue);
    ByteBuffer dg = bytes(dGatePre);
    int n = (int) dOut.length();
    int upper = S.loopBound(n);
    int j = 0;
    for (; j < upper; j += S.length()) {
      FloatVector dov = FloatVector.fromByteBuffer(S, d, 4 * j, ORDER);
      FloatVector gv = FloatVector.fromByteBuffer(S, gb, 4 * j, ORDER);
      dov.mul(gv).intoByteBuffer(dv, 4 * j, ORDER);
      FloatVector.broadcast(S, 1f).sub(gv).mul(gv).mul(FloatVector.fromByteBuffer(S, v, 4 * j, ORDER)).mul(dov)
          .intoByteBuffer(dg, 4 * j, ORDER);
    }
    for (; j < n; j++) {
      float go = d.getFloat(4 * j);
      float gj = gb.getFloat(4 * j);
      dv.putFloat(4 * j, go * gj);
      dg.putFloat(4 * j, (1 - gj) * gj * v.getFloat(4 * j) * go);
    }
  }

  @Override public void normal(INDArray out, Random rng) { reference.normal(out, rng); }

  @Override
  public double sumOfSquares(INDArray a) {
    if (!fast(a)) return reference.sumOfSquares(a);
    ByteBuffer b = bytes(a);
    int n = (int) a.length();
    int upper = S.loopBound(n);
    float[] lanes = new float[S.length()];
    for (int from = 0; from < upper; from += CHUNK) squaresChunk(b, from, Math.min(upper, from + CHUNK), lanes);
    double sum = 0;
    for (float f : lanes) sum += f;
    for (int j = upper; j < n; j++) sum += b.getFloat(4 * j) * b.getFloat(4 * j);
    return sum;
  }

  /** Adds the squares of elements [from, to) (whole vectors) to the lane sums {@code lanes}, lane by lane. */
  private static void squaresChunk(ByteBuffer b, int from, int to, float[] lanes) {
    FloatVector acc = FloatVector.fromArray(S, lanes, 0);
    for (int j = from; j < to; j += S.length()) {
      FloatVector v = FloatVector.fromByteBuffer(S, b, 4 * j, ORDER);
      acc = v.fma(v, acc);
    }
    acc.intoArray(lanes, 0);
  }

  @Override
  public void adam(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1, double beta2,
      double epsilon, long step) {
    if (!fast(params, grads, m, v)) {
      reference.adam(params, grads, m, v, lr, beta1, beta2, epsilon, step);
      return;
    }
    fastAdam(params, grads, m, v, lr, beta1, beta2, epsilon, step, null, null, false);
  }

  /** The squares summed as the update reads the gradients: no pass of their own. */
  @Override
  public double adamReadingSquares(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1,
      double beta2, double epsilon, long step) {
    if (!fast(params, grads, m, v)) return Kernels.super.adamReadingSquares(params, grads, m, v, lr, beta1, beta2, epsilon, step);
    return fastAdam(params, grads, m, v, lr, beta1, beta2, epsilon, step, null, null, true);
  }

  /** Each tensor's gradients are scaled by 1 / its divisor as they are read: no pass of its own. */
  @Override
  public void adam(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1, double beta2,
      double epsilon, long step, long[] ends, double[] divisors) {
    if (!fast(params, grads, m, v)) {
      Kernels.super.adam(params, grads, m, v, lr, beta1, beta2, epsilon, step, ends, divisors);
      return;
    }
    fastAdam(params, grads, m, v, lr, beta1, beta2, epsilon, step, ends, divisors, false);
  }

  /**
   * The Adam update on the vector path; {@code ends} null: one tensor, gradients as they are. Returns
   * Σ grads² (each core's lanes, then its last elements, the lower half first) when {@code squares}, else 0.
   */
  private double fastAdam(INDArray params, INDArray grads, INDArray m, INDArray v, double lr, double beta1, double beta2,
      double epsilon, long step, long[] ends, double[] divisors, boolean squares) {
    float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
    float epsHat = (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, step)));
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    ByteBuffer[] b = {bytes(params), bytes(grads), bytes(m), bytes(v)};
    int n = (int) params.length();
    int half = n >= SPLIT_ADAM_ABOVE && !worker ? S.loopBound(n / 2) : 0;
    float[][] lanes = adamLanes;
    double[] tails = adamTails;
    if (squares) {
      for (float[] l : lanes) java.util.Arrays.fill(l, 0f);
      java.util.Arrays.fill(tails, 0);
    }
    // memory-bound, so each core streams half
    TwoCores.run(n, half, (from, to) -> {
      int h = from == 0 ? 0 : 1;
      float[] sums = squares ? lanes[h] : null;
      if (ends == null) {
        tails[h] = adamRange(b, from, to, b1, b2, stepSize, epsHat, 1f, sums);
        return;
      }
      long start = 0;
      for (int t = 0; t < ends.length; t++) {
        int lo = (int) Math.max(from, start);
        int hi = (int) Math.min(to, ends[t]);
        if (lo < hi) tails[h] += adamRange(b, lo, hi, b1, b2, stepSize, epsHat, (float) (1 / divisors[t]), sums);
        start = ends[t];
      }
    }, "the Adam step");
    if (!squares) return 0;
    double sum = 0;
    for (int h = 0; h < 2; h++) {
      for (float f : lanes[h]) sum += f;
      sum += tails[h];
    }
    return sum;
  }

  /**
   * Adam over elements [from, to) of params, grads, m, v ({@code b} in that order): whole vectors in
   * chunks, then the last few elements. A tail inside the chunk, reached only by the last chunk of
   * the step, made C2's first compile of the chunk (done before that chunk was seen) fall back to
   * the interpreter there and compile it again. The squares of the (scaled) gradients go to the lane
   * sums {@code lanes} unless it is null; returns those of the last few elements (0 when null).
   */
  private static double adamRange(ByteBuffer[] b, int from, int to, float b1, float b2, float stepSize, float epsHat,
      float gradScale, float[] lanes) {
    int upper = from + S.loopBound(to - from);
    for (int at = from; at < upper; at += CHUNK) {
      adamChunk(b, at, Math.min(upper, at + CHUNK), b1, b2, stepSize, epsHat, gradScale, lanes);
    }
    double tail = adamTail(b, upper, to, b1, b2, stepSize, epsHat, gradScale);
    return lanes == null ? 0 : tail;
  }

  /** Adam over whole vectors [from, to), the gradients times {@code gradScale}; their squares added to {@code lanes} unless null. */
  private static void adamChunk(ByteBuffer[] b, int from, int to, float b1, float b2, float stepSize, float epsHat,
      float gradScale, float[] lanes) {
    ByteBuffer p = b[0];
    ByteBuffer g = b[1];
    ByteBuffer mb = b[2];
    ByteBuffer vb = b[3];
    FloatVector acc = FloatVector.zero(S);
    for (int j = from; j < to; j += S.length()) {
      int at = 4 * j;
      FloatVector gv = FloatVector.fromByteBuffer(S, g, at, ORDER);
      if (gradScale != 1) gv = gv.mul(gradScale);
      FloatVector gg = gv.mul(gv);
      acc = acc.add(gg);
      FloatVector mv = FloatVector.fromByteBuffer(S, mb, at, ORDER).mul(b1).add(gv.mul(1 - b1));
      FloatVector vv = FloatVector.fromByteBuffer(S, vb, at, ORDER).mul(b2).add(gg.mul(1 - b2));
      FloatVector.fromByteBuffer(S, p, at, ORDER).sub(mv.mul(stepSize).div(vv.sqrt().add(epsHat)))
          .intoByteBuffer(p, at, ORDER);
      mv.intoByteBuffer(mb, at, ORDER);
      vv.intoByteBuffer(vb, at, ORDER);
    }
    if (lanes != null) acc.add(FloatVector.fromArray(S, lanes, 0)).intoArray(lanes, 0);
  }

  /** Adam over [from, to), fewer than a vector's elements, one by one; returns the sum of their gradients' squares. */
  private static double adamTail(ByteBuffer[] b, int from, int to, float b1, float b2, float stepSize, float epsHat,
      float gradScale) {
    double squares = 0;
    for (int at = 4 * from; at < 4 * to; at += 4) {
      float gj = b[1].getFloat(at) * gradScale;
      squares += gj * gj;
      float mj = b1 * b[2].getFloat(at) + (1 - b1) * gj;
      float vj = b2 * b[3].getFloat(at) + (1 - b2) * gj * gj;
      b[0].putFloat(at, b[0].getFloat(at) - stepSize * mj / ((float) Math.sqrt(vj) + epsHat));
      b[2].putFloat(at, mj);
      b[3].putFloat(at, vj);
    }
    return squares;
  }

  @Override
  public void flushDenormals(INDArray a) {
    if (!fast(a)) {
      reference.flushDenormals(a);
      return;
    }
    ByteBuffer b = bytes(a);
    int n = (int) a.length();
    int upper = S.loopBound(n);
    for (int from = 0; from < upper; from += CHUNK) flushChunk(b, from, Math.min(upper, from + CHUNK));
    for (int j = upper; j < n; j++) if (Math.abs(b.getFloat(4 * j)) < 1e-30f) b.putFloat(4 * j, 0f);
  }

  /** Zeroes the tiny values among elements [from, to) (whole vectors). */
  private static void flushChunk(ByteBuffer b, int from, int to) {
    for (int j = from; j < to; j += S.length()) {
      FloatVector v = FloatVector.fromByteBuffer(S, b, 4 * j, ORDER);
      v.blend(0f, v.abs().compare(VectorOperators.LT, 1e-30f)).intoByteBuffer(b, 4 * j, ORDER);
    }
  }

  @Override
  public void convolution(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g) {
    if (!fast(in, w, b, out)) {
      reference.convolution(in, w, b, out, g);
      return;
    }
    conv.forward(in, w, b, out, g, false);
  }

  /** ReLU as the convolution writes its output; other activations in place afterwards. */
  @Override
  public void convolution(INDArray in, INDArray w, INDArray b, INDArray out, ConvGeometry g, Activation act) {
    if (!fast(in, w, b, out) || (act != Activation.RELU && act != Activation.IDENTITY)) {
      Kernels.super.convolution(in, w, b, out, g, act);
      return;
    }
    conv.forward(in, w, b, out, g, act == Activation.RELU);
  }

  @Override
  public void convolutionBackward(INDArray in, INDArray w, INDArray b, INDArray dOut, INDArray dIn, INDArray dW,
      INDArray dB, ConvGeometry g) {
    if (!fast(in, w, dOut, dIn, dW, dB)) {
      reference.convolutionBackward(in, w, b, dOut, dIn, dW, dB, g);
      return;
    }
    conv.backward(in, w, null, dOut, dIn, dW, dB, g);
  }

  /** ReLU's mask applied as the convolution reads {@code dOut}; other activations through the default. */
  @Override
  public void convolutionBackward(INDArray in, INDArray w, INDArray b, INDArray out, INDArray dOut, INDArray dPre,
      Activation act, INDArray dIn, INDArray dW, INDArray dB, ConvGeometry g) {
    if (!fast(in, w, out, dOut, dIn, dW, dB) || (act != Activation.RELU && act != Activation.IDENTITY)) {
      Kernels.super.convolutionBackward(in, w, b, out, dOut, dPre, act, dIn, dW, dB, g);
      return;
    }
    conv.backward(in, w, act == Activation.RELU ? out : null, dOut, dIn, dW, dB, g);
  }
}
