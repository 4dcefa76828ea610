package io.asyncio4j;

import static io.asyncio4j.Coro.awaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Asyncio.sleep}: the timer entry behind it, the bare yield, and cancellation. */
class SleepTest {
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    if (!loop.isClosed()) {
      loop.close();
    }
  }

  /** L7: sleep(0) yields for exactly one iteration; earlier callSoon work has run by then. */
  @Test
  void sleepZeroYieldsForExactlyOneIteration() {
    Task<Object> t =
        loop.createTask(
            Coro.start(
                    v -> {
                      loop.callSoon(() -> log.add("soon"));
                      return awaiting(Asyncio.sleep(Duration.ZERO));
                    })
                .then(
                    v -> {
                      log.add("after yield");
                      return v;
                    }));
    Loops.runIterations(loop, 1);
    assertFalse(t.done());
    assertEquals(List.of(), log);
    Loops.runIterations(loop, 1);
    assertTrue(t.done());
    assertEquals(List.of("soon", "after yield"), log);
  }

  /** L7: sleep(0, result) returns the result. */
  @Test
  void sleepZeroWithResultReturnsIt() {
    assertEquals(
        "r", loop.runUntilComplete(Coro.<String>start(v -> awaiting(Asyncio.sleep(Duration.ZERO, "r")))));
  }

  /** L7: sleep(0) creates no Future: it is one shared, reusable instance (also for negatives). */
  @Test
  void sleepZeroAllocatesNothing() {
    assertSame(Asyncio.sleep(Duration.ZERO), Asyncio.sleep(Duration.ZERO));
    assertSame(Asyncio.sleep(Duration.ZERO), Asyncio.sleep(Duration.ofSeconds(-5)));
    assertSame(Asyncio.sleep(Duration.ZERO), Asyncio.sleep(Duration.ZERO, null));
    Coroutine<Void> yield = Asyncio.sleep(Duration.ZERO);
    loop.runUntilComplete(
        Coro.start(v -> awaiting(yield)).then(v -> awaiting(yield)).then(v -> awaiting(yield)));
  }

  /** L8: tasks looping on sleep(0) interleave round-robin in creation order. */
  @Test
  void sleepZeroLoopsInterleaveRoundRobin() {
    for (String name : List.of("a", "b")) {
      Coro<Object> c = Coro.start(v -> null);
      for (int i = 0; i < 3; i++) {
        String entry = name + i;
        c.then(
            v -> {
              log.add(entry);
              return awaiting(Asyncio.sleep(Duration.ZERO));
            });
      }
      loop.createTask(c);
    }
    Loops.runIterations(loop, 4);
    assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), log);
  }

  /** L9: sleep(d, result) returns the result after d. */
  @Test
  void sleepReturnsTheResultAfterTheDelay() {
    String r =
        loop.runUntilComplete(
            Coro.<String>start(v -> awaiting(Asyncio.sleep(Duration.ofMillis(1500), "late")))
                .then(v -> v + "@" + loop.time()));
    assertEquals("late@" + Duration.ofMillis(1500).toNanos(), r);
  }

  /**
   * As in asyncio (the timer completes the sleep's future, whose callback queues the task), a
   * callback due at the same time as a sleep runs before the sleeping task resumes, even if it was
   * scheduled after the task went to sleep.
   */
  @Test
  void sleepingTaskResumesAfterCallbacksDueAtTheSameTime() {
    loop.createTask(
        Coro.start(v -> awaiting(Asyncio.sleep(Duration.ofSeconds(1))))
            .then(
                v -> {
                  log.add("task resumed");
                  return null;
                }));
    Loops.runIterations(loop, 1);
    loop.callLater(Duration.ofSeconds(1), () -> log.add("timer callback"));
    Loops.runFor(loop, Duration.ofSeconds(2));
    assertEquals(List.of("timer callback", "task resumed"), log);
  }

  /** Sleeps with equal deadlines wake their tasks in the order they started sleeping. */
  @Test
  void equalSleepsWakeInOrder() {
    for (int i = 0; i < 5; i++) {
      String name = "t" + i;
      loop.createTask(
          Coro.start(v -> awaiting(Asyncio.sleep(Duration.ofSeconds(1))))
              .then(
                  v -> {
                    log.add(name);
                    return null;
                  }));
    }
    Loops.runFor(loop, Duration.ofSeconds(2));
    assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), log);
  }

  /** A sleep is a coroutine: it can be a task of its own, zero delay included. */
  @Test
  void sleepCanBeWrappedInATask() {
    Task<String> t = loop.createTask(Asyncio.sleep(Duration.ofSeconds(3), "slept"));
    Task<Void> y = loop.createTask(Asyncio.sleep(Duration.ZERO));
    Task<String> z = loop.createTask(Asyncio.sleep(Duration.ZERO, "z"));
    assertEquals("slept", loop.runUntilComplete(t));
    assertTrue(y.done());
    assertEquals("z", z.result());
    assertEquals(Duration.ofSeconds(3).toNanos(), loop.time());
  }

  /** Cancelling a task that is itself a sleep ends it at once. */
  @Test
  void cancellingASleepTaskEndsItAtOnce() {
    Task<String> t = loop.createTask(Asyncio.sleep(Duration.ofDays(1), "never"));
    Loops.runIterations(loop, 1);
    t.cancel("stop");
    Loops.runBriefly(loop);
    assertEquals("stop", assertThrows(CancelledException.class, t::result).getMessage());
    assertEquals(0, loop.time());
  }

  /** A sleep is single-use like any coroutine (the shared zero sleep excepted). */
  @Test
  void aSleepCanBeAwaitedOnce() {
    Coroutine<Void> s = Asyncio.sleep(Duration.ofSeconds(1));
    Task<Object> t =
        loop.createTask(
            Coro.start(v -> awaiting(s))
                .then(v -> awaiting(s))
                .handle((v, e) -> e.getClass().getSimpleName()));
    assertEquals("IllegalStateException", loop.runUntilComplete(t));
  }

  /**
   * A cancelled sleep stays in the timer heap until its deadline, but lets go of its task once the
   * task took the cancellation (as asyncio's cancelled TimerHandle drops its callback), and it can
   * still not be awaited again, inline or as a task.
   */
  @Test
  void aCancelledSleepReleasesItsTaskAndStaysSingleUse() {
    Coroutine<Void> s = Asyncio.sleep(Duration.ofDays(1));
    Task<Object> t = loop.createTask(Coro.start(v -> awaiting(s)));
    Loops.runIterations(loop, 1);
    java.lang.ref.WeakReference<Task<Object>> ref = new java.lang.ref.WeakReference<>(t);
    t.cancel();
    Loops.runBriefly(loop);
    assertTrue(t.cancelled());
    assertEquals("Sleep[cancelled]", s.toString());
    t = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    assertEquals(null, ref.get());
    assertEquals(
        "coroutine Sleep[cancelled] was already awaited or wrapped in a task; a coroutine can be"
            + " awaited once: call its entry point again for a new one",
        assertThrows(IllegalStateException.class, () -> loop.createTask(s)).getMessage());
    Task<Object> again =
        loop.createTask(
            Coro.start(v -> awaiting(s)).handle((v, e) -> e.getClass().getSimpleName()));
    assertEquals("IllegalStateException", loop.runUntilComplete(again));
  }

  /** A cancelled sleep that is a task's root lets go of the task too, once the task is done. */
  @Test
  void aCancelledRootSleepReleasesItsTask() {
    Coroutine<String> s = Asyncio.sleep(Duration.ofDays(1), "never");
    Task<String> t = loop.createTask(s);
    Loops.runIterations(loop, 1);
    java.lang.ref.WeakReference<Task<String>> ref = new java.lang.ref.WeakReference<>(t);
    t.cancel("stop");
    Loops.runBriefly(loop);
    assertEquals("stop", assertThrows(CancelledException.class, t::result).getMessage());
    t = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    assertEquals(null, ref.get());
  }

  @Test
  void sleepRejectsNullDelay() {
    assertEquals(
        "delay", assertThrows(NullPointerException.class, () -> Asyncio.sleep(null)).getMessage());
  }

  /** An enormous delay saturates instead of overflowing. */
  @Test
  void hugeDelaysSaturate() {
    Task<Object> t = loop.createTask(Coro.start(v -> awaiting(Asyncio.sleep(Duration.ofSeconds(Long.MAX_VALUE)))));
    Loops.runIterations(loop, 1);
    Loops.runFor(loop, Duration.ofDays(365 * 100));
    assertFalse(t.done());
    t.cancel();
    Loops.runBriefly(loop);
    assertTrue(t.cancelled());
  }
}
