package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {
  private final EventLoop loop = newLoop();

  /** A task that takes the lock, waits to be notified, logs {@code name}, and releases. */
  private Task<Object> waiter(Condition cond, List<Object> log, Object name) {
    return loop.createTask(
        co(
            v -> cond.acquire(),
            v -> cond.waitNotified(),
            v -> {
              log.add(name);
              cond.release();
              return null;
            }));
  }

  @Test
  void waitAndNotifyRequireTheLock() {
    // CD1
    Condition cond = new Condition();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(cond.waitNotified()));
    assertEquals("cannot wait on un-acquired lock", e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> cond.signal());
    assertEquals("cannot notify on un-acquired lock", e.getMessage());
    e = assertThrows(IllegalStateException.class, cond::signalAll);
    assertEquals("cannot notify on un-acquired lock", e.getMessage());
  }

  @Test
  void notifiedWaiterContinuesOnlyAfterTheNotifierReleases() {
    // CD2
    Condition cond = new Condition();
    List<Object> log = Toolkit.log();
    Task<Object> w = waiter(cond, log, "waiter");
    runBriefly(loop);
    assertFalse(cond.locked()); // released while waiting
    loop.runUntilComplete(
        co(
            v -> cond.acquire(),
            v -> {
              cond.signal();
              log.add("notified");
              return Asyncio.sleep(Toolkit.ms(5));
            },
            v -> {
              log.add("releasing");
              cond.release();
              return null;
            }));
    Toolkit.complete(loop, w);
    assertEquals(List.of("notified", "releasing", "waiter"), log);
    assertFalse(cond.locked());
  }

  @Test
  void cancelledWaitReacquiresTheLockBeforePropagating() {
    // CD2: test_wait_cancel_contested
    Condition cond = new Condition();
    List<Object> log = Toolkit.log();
    Task<Object> w =
        loop.createTask(
            co(v -> cond.acquire(), v -> cond.waitNotified())
                .onError(
                    e -> {
                      log.add(e.getClass().getSimpleName() + " locked=" + cond.locked());
                      cond.release();
                      throw e;
                    }));
    runBriefly(loop);
    loop.runUntilComplete(cond.acquire()); // contested: the lock is held when the cancel lands
    w.cancel();
    runBriefly(loop);
    assertEquals(List.of(), log);
    assertFalse(w.done());
    cond.release();
    runBriefly(loop);
    runBriefly(loop);
    assertTrue(w.cancelled());
    assertEquals(List.of("CancelledException locked=true"), log);
    assertEquals(0, cond.waiterCount());
  }

  @Test
  void signalWakesUpToNWaitersInOrderAndSignalAllWakesTheRest() {
    // CD3
    Condition cond = new Condition();
    List<Object> log = Toolkit.log();
    for (int i = 1; i <= 4; i++) {
      waiter(cond, log, i);
    }
    runBriefly(loop);
    loop.runUntilComplete(
        co(
            v -> cond.acquire(),
            v -> {
              cond.signal(2);
              cond.release();
              return null;
            }));
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(List.of(1, 2), log);
    loop.runUntilComplete(
        co(
            v -> cond.acquire(),
            v -> {
              cond.signalAll();
              cond.release();
              return null;
            }));
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(List.of(1, 2, 3, 4), log);
  }

  @Test
  void waitForLoopsUntilThePredicateHolds() {
    // CD4
    Condition cond = new Condition();
    int[] presses = {0};
    List<Object> log = Toolkit.log();
    Task<Object> w =
        loop.createTask(
            co(
                v -> cond.acquire(),
                v -> cond.waitFor(() -> presses[0] >= 2),
                v -> {
                  log.add("done:" + v + " presses=" + presses[0]);
                  cond.release();
                  return null;
                }));
    runBriefly(loop);
    for (int i = 0; i < 2; i++) {
      loop.runUntilComplete(
          co(
              v -> cond.acquire(),
              v -> {
                presses[0]++;
                cond.signal();
                cond.release();
                return null;
              }));
      runBriefly(loop);
    }
    Toolkit.complete(loop, w);
    assertEquals(List.of("done:true presses=2"), log);
  }

  @Test
  void waitForWithATruePredicateReturnsWithoutTheLock() {
    // CD4: test_wait_for_unacquired
    Condition cond = new Condition();
    assertEquals(Boolean.TRUE, loop.runUntilComplete(cond.waitFor(() -> true)));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> loop.runUntilComplete(cond.waitFor(() -> false)));
    assertEquals("cannot wait on un-acquired lock", e.getMessage());
  }

  @Test
  void waiterCancelledAfterNotifyPassesTheWakeUpOn() {
    // CD5: test_cancelled_wakeup
    Condition cond = new Condition();
    List<Object> log = Toolkit.log();
    CancelledException[] seen = new CancelledException[1];
    Task<Object> a =
        loop.createTask(
            co(v -> cond.acquire(), v -> cond.waitNotified())
                .onError(
                    e -> {
                      seen[0] = (CancelledException) e;
                      cond.release();
                      throw e;
                    }));
    Task<Object> b = waiter(cond, log, "b");
    runBriefly(loop);
    loop.runUntilComplete(
        co(
            v -> cond.acquire(),
            v -> {
              cond.signal(1); // wakes a only
              a.cancel("stop");
              cond.release();
              return null;
            }));
    Toolkit.complete(loop, b);
    assertTrue(a.cancelled());
    assertEquals(List.of("b"), log);
    assertEquals("stop", seen[0].getMessage());
    CancelledException fromTask = assertThrows(CancelledException.class, a::result);
    assertEquals("stop", fromTask.getMessage());
  }

  @Test
  void conditionSharesTheStateOfAnExplicitLock() {
    // CD6
    Lock lock = new Lock();
    Condition cond = new Condition(lock);
    loop.runUntilComplete(lock.acquire());
    assertTrue(cond.locked());
    cond.release();
    assertFalse(lock.locked());
    loop.runUntilComplete(cond.acquire());
    assertTrue(lock.locked());
  }

  @Test
  void lockBoundToAnotherLoopIsRejected() {
    // CD6: test_ambiguous_loops
    Lock lock = new Lock();
    loop.runUntilComplete(lock.acquire());
    loop.createTask(co(v -> lock.acquire()));
    runBriefly(loop);
    Condition cond = new Condition(lock);
    EventLoop other = newLoop();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> other.runUntilComplete(cond.acquire()));
    assertTrue(e.getMessage().endsWith("is bound to a different event loop"), e.getMessage());
    assertSame(lock, lock);
  }
}
