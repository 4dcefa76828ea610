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

class LockTest {
  private final EventLoop loop = newLoop();

  @Test
  void acquireYieldsTrueAndLockedReflectsState() {
    // LK1
    Lock lock = new Lock();
    assertFalse(lock.locked());
    assertEquals(Boolean.TRUE, loop.runUntilComplete(lock.acquire()));
    assertTrue(lock.locked());
    lock.release();
    assertFalse(lock.locked());
  }

  @Test
  void releasingAnUnlockedLockThrows() {
    // LK1
    Lock lock = new Lock();
    IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
    assertEquals("Lock is not acquired", e.getMessage());
  }

  @Test
  void anyTaskMayReleaseTheLock() {
    // LK1: the lock has no owner
    Lock lock = new Lock();
    loop.runUntilComplete(lock.acquire());
    loop.runUntilComplete(
        co(
            v -> {
              lock.release();
              return null;
            }));
    assertFalse(lock.locked());
  }

  @Test
  void waitersAcquireInArrivalOrder() {
    // LK2
    Lock lock = new Lock();
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(lock.acquire());
    for (int i = 1; i <= 3; i++) {
      int n = i;
      loop.createTask(
          co(
              v -> lock.acquire(),
              v -> {
                log.add(n);
                return null;
              }));
    }
    runBriefly(loop);
    assertEquals(List.of(), log);
    assertEquals(3, lock.waiterCount());
    for (int i = 0; i < 3; i++) {
      lock.release();
      runBriefly(loop);
    }
    assertEquals(List.of(1, 2, 3), log);
    assertTrue(lock.locked());
  }

  @Test
  void newcomerCannotJumpAheadOfAWokenWaiter() {
    // LK2
    Lock lock = new Lock();
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(lock.acquire());
    loop.createTask(
        co(
            v -> lock.acquire(),
            v -> {
              log.add("waiter");
              lock.release();
              return null;
            }));
    runBriefly(loop);
    lock.release(); // the waiter is woken but has not run yet
    loop.createTask(
        co(
            v -> lock.acquire(),
            v -> {
              log.add("newcomer");
              lock.release();
              return null;
            }));
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(List.of("waiter", "newcomer"), log);
  }

  @Test
  void cancelledWaiterIsRemovedFromTheQueue() {
    // LK3
    Lock lock = new Lock();
    loop.runUntilComplete(lock.acquire());
    Task<Object> t = loop.createTask(co(v -> lock.acquire()));
    runBriefly(loop);
    assertEquals(1, lock.waiterCount());
    t.cancel();
    runBriefly(loop);
    assertTrue(t.cancelled());
    assertEquals(0, lock.waiterCount());
    lock.release();
    assertFalse(lock.locked());
  }

  @Test
  void waiterCancelledAfterWakeUpPassesTheLockOn() {
    // LK3: cancel lands after release() woke the first waiter
    Lock lock = new Lock();
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(lock.acquire());
    Task<Object> b =
        loop.createTask(
            co(
                v -> lock.acquire(),
                v -> {
                  log.add("b");
                  return null;
                }));
    Task<Object> c =
        loop.createTask(
            co(
                v -> lock.acquire(),
                v -> {
                  log.add("c");
                  return null;
                }));
    runBriefly(loop);
    lock.release();
    b.cancel();
    Toolkit.complete(loop, c);
    assertTrue(b.cancelled());
    assertEquals(List.of("c"), log);
    assertTrue(lock.locked());
    assertEquals(0, lock.waiterCount());
  }

  @Test
  void cancelRaceWithReleaseNeverStrandsTheLock() {
    // LK3: test_cancel_release_race: the woken waiter is cancelled while others wait
    Lock lock = new Lock();
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(lock.acquire());
    Task<Object> a =
        loop.createTask(
            co(
                v -> lock.acquire(),
                v -> {
                  log.add("a");
                  lock.release();
                  return null;
                }));
    Task<Object> b =
        loop.createTask(
            co(
                v -> lock.acquire(),
                v -> {
                  log.add("b");
                  lock.release();
                  return null;
                }));
    Task<Object> c =
        loop.createTask(
            co(
                v -> lock.acquire(),
                v -> {
                  log.add("c");
                  lock.release();
                  return null;
                }));
    runBriefly(loop);
    lock.release();
    a.cancel();
    b.cancel();
    Toolkit.complete(loop, c);
    assertTrue(a.cancelled());
    assertTrue(b.cancelled());
    assertEquals(List.of("c"), log);
    assertFalse(lock.locked());
  }

  @Test
  void freeLockIsAcquiredWithoutSuspending() {
    // LK4
    Lock lock = new Lock();
    List<Object> log = Toolkit.log();
    loop.createTask(
        co(
            v -> lock.acquire(),
            v -> {
              log.add("acquired");
              return null;
            }));
    loop.createTask(
        co(
            v -> {
              log.add("other");
              return null;
            }));
    runBriefly(loop);
    assertEquals(List.of("acquired", "other"), log);
  }

  @Test
  void toStringShowsStateAndWaiters() {
    // LK5
    Lock lock = new Lock();
    assertEquals("Lock[unlocked]", lock.toString());
    loop.runUntilComplete(lock.acquire());
    assertEquals("Lock[locked]", lock.toString());
    loop.createTask(co(v -> lock.acquire()));
    runBriefly(loop);
    assertEquals("Lock[locked, waiters:1]", lock.toString());
  }

  @Test
  void lockBoundToAnotherLoopIsRejected() {
    // LK5 / CD6: loop binding
    Lock lock = new Lock();
    loop.runUntilComplete(lock.acquire());
    loop.createTask(co(v -> lock.acquire()));
    runBriefly(loop);
    EventLoop other = newLoop();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> other.runUntilComplete(lock.acquire()));
    assertEquals("Lock[locked, waiters:1] is bound to a different event loop", e.getMessage());
  }
}
