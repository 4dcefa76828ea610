package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The {@code expect(1)…finish(n)} ordering helper: each call states which step the test expects
 * to be at, so an out-of-order callback fails with the step numbers.
 */
final class Steps {
  private int step;
  private boolean finished;

  /** Asserts that this is step {@code n} (the steps count from 1). */
  void expect(int n) {
    assertFalse(finished, "step " + n + " after finish");
    assertEquals(n, ++step, "step out of order");
  }

  /** Asserts that this is step {@code n}, the last one. */
  void finish(int n) {
    expect(n);
    finished = true;
  }

  /** Asserts that {@link #finish} was reached with step {@code n}. */
  void assertFinished(int n) {
    assertEquals(n, step, "steps run");
    assertEquals(true, finished, "finish() called");
  }
}
