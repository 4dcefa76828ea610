package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedSemaphoreTest {
  private final EventLoop loop = newLoop();

  @Test
  void releaseBeyondTheInitialValueIsRefused() {
    // SM4
    BoundedSemaphore sem = new BoundedSemaphore(2);
    loop.runUntilComplete(sem.acquire());
    sem.release();
    IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
    assertEquals("BoundedSemaphore released too many times", e.getMessage());
    assertEquals(2, sem.value());
  }

  @Test
  void waitersAreServedInOrderLikeASemaphore() {
    // SM2 for the bounded variant
    BoundedSemaphore sem = new BoundedSemaphore(1);
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(sem.acquire());
    for (int i = 1; i <= 2; i++) {
      int n = i;
      loop.createTask(co(v -> sem.acquire(), v -> log.add(n)));
    }
    runBriefly(loop);
    sem.release();
    runBriefly(loop);
    assertEquals(List.of(1), log);
    sem.release();
    runBriefly(loop);
    assertEquals(List.of(1, 2), log);
    assertTrue(sem.locked());
  }

  @Test
  void negativeValueIsRejected() {
    // SM1
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-2));
    assertEquals("value: -2 (expected: >= 0)", e.getMessage());
  }
}
