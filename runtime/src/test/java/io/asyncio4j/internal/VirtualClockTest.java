package io.asyncio4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VirtualClockTest {
  @Test
  void startsAtZeroAndMovesOnlyWhenTold() {
    VirtualClock c = new VirtualClock();
    assertEquals(0, c.nanoTime());
    c.advance(5);
    assertEquals(5, c.nanoTime());
    assertTrue(c.skipWait(10), "a virtual clock never really waits");
    assertEquals(15, c.nanoTime());
  }

  @Test
  void cannotGoBackwards() {
    VirtualClock c = new VirtualClock();
    assertEquals(
        "nanos: -1 (expected: >= 0)",
        assertThrows(IllegalArgumentException.class, () -> c.advance(-1)).getMessage());
  }

  @Test
  void systemClockReallyWaits() {
    assertEquals(false, Clock.SYSTEM.skipWait(1));
  }
}
