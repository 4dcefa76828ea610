package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SemaphoreTest {
  private final EventLoop loop = newLoop();

  @Test
  void admitsValueHoldersAtOnce() {
    // SM1
    Semaphore sem = new Semaphore(3);
    List<Object> log = Toolkit.log();
    for (int i = 1; i <= 4; i++) {
      int n = i;
      loop.createTask(co(v -> sem.acquire(), v -> log.add(n)));
    }
    runBriefly(loop);
    assertEquals(List.of(1, 2, 3), log);
    assertEquals(0, sem.value());
    assertTrue(sem.locked());
    sem.release();
    runBriefly(loop);
    assertEquals(List.of(1, 2, 3, 4), log);
  }

  @Test
  void negativeInitialValueIsRejected() {
    // SM1
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertEquals("value: -1 (expected: >= 0)", e.getMessage());
  }

  @Test
  void zeroSemaphoreIsLocked() {
    // SM1
    assertTrue(new Semaphore(0).locked());
    assertFalse(new Semaphore(1).locked());
  }

  @Test
  void lockedWhileAnUncancelledWaiterIsQueued() {
    // SM1: gh-90155, test_acquire_fifo_order_4
    Semaphore sem = new Semaphore(0);
    Task<Object> t = loop.createTask(co(v -> sem.acquire()));
    runBriefly(loop);
    sem.release(); // the permit goes to the waiter; value stays 0
    assertTrue(sem.locked());
    Toolkit.complete(loop, t);
    assertTrue(sem.locked());
    assertEquals(0, sem.value());
  }

  @Test
  void releasingTaskThatReacquiresQueuesBehindWaiters() {
    // SM2: test_acquire_fifo_order_2 gives [1, 2, 3, 4]
    Semaphore sem = new Semaphore(1);
    List<Object> log = Toolkit.log();
    Task<Object> t1 = loop.createTask(co(v -> sem.acquire(), v -> log.add(1)));
    Task<Object> t2 =
        loop.createTask(
            co(
                v -> sem.acquire(),
                v -> {
                  log.add(2);
                  sem.release();
                  return sem.acquire();
                },
                v -> log.add(4)));
    Task<Object> t3 = loop.createTask(co(v -> sem.acquire(), v -> log.add(3)));
    runBriefly(loop);
    sem.release();
    sem.release();
    loop.runUntilComplete(Asyncio.gather(t1, t2, t3));
    assertEquals(List.of(1, 2, 3, 4), log);
  }

  @Test
  void releasedPermitsGoToWaitersInOrder() {
    // SM2: test_acquire_fifo_order
    Semaphore sem = new Semaphore(0);
    List<Object> log = Toolkit.log();
    for (int i = 1; i <= 3; i++) {
      int n = i;
      loop.createTask(co(v -> sem.acquire(), v -> log.add(n)));
    }
    runBriefly(loop);
    sem.release();
    sem.release();
    sem.release();
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(List.of(1, 2, 3), log);
  }

  @Test
  void cancelBeforeWakeUpLeaksNoPermit() {
    // SM3: test_acquire_cancel
    Semaphore sem = new Semaphore(0);
    Task<Object> t = loop.createTask(co(v -> sem.acquire()));
    runBriefly(loop);
    t.cancel();
    runBriefly(loop);
    assertTrue(t.cancelled());
    assertEquals(0, sem.waiterCount());
    sem.release();
    assertEquals(1, sem.value());
    assertFalse(sem.locked());
  }

  @Test
  void cancelAfterWakeUpReturnsThePermitToTheNextWaiter() {
    // SM3: test_acquire_cancel_before_awoken / test_acquire_hang
    Semaphore sem = new Semaphore(0);
    List<Object> log = Toolkit.log();
    Task<Object> a = loop.createTask(co(v -> sem.acquire(), v -> log.add("a")));
    Task<Object> b = loop.createTask(co(v -> sem.acquire(), v -> log.add("b")));
    runBriefly(loop);
    sem.release(); // hands the permit to a
    a.cancel(); // a is cancelled after being woken
    Toolkit.complete(loop, b);
    assertTrue(a.cancelled());
    assertEquals(List.of("b"), log);
    assertEquals(0, sem.value());
    assertEquals(0, sem.waiterCount());
  }

  @Test
  void cancellationsDuringReleaseNeverStrandAWaiter() {
    // SM3: test_acquire_no_hang: permits released while several waiters are cancelled
    Semaphore sem = new Semaphore(0);
    List<Object> log = Toolkit.log();
    Task<Object> a = loop.createTask(co(v -> sem.acquire(), v -> log.add("a")));
    Task<Object> b = loop.createTask(co(v -> sem.acquire(), v -> log.add("b")));
    Task<Object> c = loop.createTask(co(v -> sem.acquire(), v -> log.add("c")));
    runBriefly(loop);
    sem.release();
    sem.release();
    a.cancel();
    b.cancel();
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(List.of("c"), log);
    assertTrue(c.done());
    assertEquals(1, sem.value());
  }

  @Test
  void boundedSemaphoreRefusesReleaseBeyondInitialValue() {
    // SM4
    BoundedSemaphore sem = new BoundedSemaphore(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
    assertEquals("BoundedSemaphore released too many times", e.getMessage());
    loop.runUntilComplete(sem.acquire());
    sem.release();
    assertEquals(1, sem.value());
  }

  @Test
  void toStringShowsValueOrLockedAndWaiters() {
    // SM4
    Semaphore sem = new Semaphore(1);
    assertEquals("Semaphore[unlocked, value:1]", sem.toString());
    loop.runUntilComplete(sem.acquire());
    assertEquals("Semaphore[locked]", sem.toString());
    loop.createTask(co(v -> sem.acquire()));
    runBriefly(loop);
    assertEquals("Semaphore[locked, waiters:1]", sem.toString());
    assertEquals("BoundedSemaphore[unlocked, value:2]", new BoundedSemaphore(2).toString());
  }
}
