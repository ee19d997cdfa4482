package org.vaelab.api.engine;

import java.util.Arrays;

/**
 * One parameter tensor a component needs.
 *
 * @param name  name, unique within its component (e.g. {@code "W"}, {@code "b"})
 * @param shape shape of the tensor, row-major
 * @param init  how it is initialised
 * @param fanIn fan-in used by {@link Init#FAN_IN_UNIFORM}; > 0
 */
public record ParamSpec(String name, long[] shape, Init init, long fanIn) {
  public ParamSpec {
    shape = shape.clone();
    if (Arrays.stream(shape).anyMatch(d -> d <= 0)) {
      throw new IllegalArgumentException("shape of " + name + " must be positive, was " + Arrays.toString(shape));
    }
    if (fanIn <= 0) throw new IllegalArgumentException("fanIn of " + name + " must be > 0, was " + fanIn);
  }

  /** The same tensor named {@code prefix + name}, as a composite declares its parts' parameters. */
  public ParamSpec prefixed(String prefix) {
    return new ParamSpec(prefix + name, shape, init, fanIn);
  }

  /** Number of scalars in this parameter. */
  public long length() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }

  /** Initialisation schemes. */
  public enum Init {
    /** All zeros. */
    ZEROS,
    /** U(-1/sqrt(fanIn), 1/sqrt(fanIn)), PyTorch's default for linear layers. */
    FAN_IN_UNIFORM,
    /** N(0, 2/fanIn) (He et al. 2015), the weight init of the VampPrior code. */
    HE_NORMAL
  }
}
