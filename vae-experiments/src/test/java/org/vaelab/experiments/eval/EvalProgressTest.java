package org.vaelab.experiments.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvalProgressTest {
  @Test
  void theLineSaysDoneOfTotalElapsedAndTheRemainingTimeAtTheRateSoFar() {
    EvalProgress p = new EvalProgress(null, "log p(x), k = 5000", 10_000, 0);
    p.add(2_500);
    assertEquals("  log p(x), k = 5000: 2,500/10,000 examples, 1m00s, eta 3m00s", p.line(60_000));
    assertEquals("1h01m", EvalProgress.duration(3_660_000));
    assertEquals("59s", EvalProgress.duration(59_999));
  }

  @Test
  void printsWhileWorkRemainsAndNotForTheLastBatch() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EvalProgress p = new EvalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "gaps", 100, 0);
    p.add(40);
    p.add(60);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.startsWith("  gaps: 40/100 examples, "), out);
  }
}
