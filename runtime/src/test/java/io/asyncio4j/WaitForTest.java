package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.ms;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitForTest {
  private final EventLoop loop = newLoop();

  /** A coroutine that sleeps {@code ms}, and on cancellation cleans up for {@code cleanupMs}. */
  private static Script<Object> slowToCancel(long ms, long cleanupMs, List<Object> log) {
    return co(v -> Asyncio.sleep(ms(ms), "finished"))
        .onError(
            e ->
                co(
                    x -> Asyncio.sleep(ms(cleanupMs)),
                    x -> {
                      log.add("cleaned up");
                      throw e;
                    }));
  }

  @Test
  void timeoutCancelsTheInnerTaskAndWaitsForItBeforeRaising() {
    // WF1
    List<Object> log = Toolkit.log();
    Task<Object> inner = loop.createTask(slowToCancel(100, 5, log));
    AsyncTimeoutException e =
        assertThrows(
            AsyncTimeoutException.class,
            () -> loop.runUntilComplete(co(v -> Asyncio.waitFor(inner, ms(10)))));
    assertInstanceOf(CancelledException.class, e.getCause());
    assertTrue(inner.cancelled());
    assertEquals(List.of("cleaned up"), log);
    assertEquals(15, Toolkit.nowMs(loop));
  }

  @Test
  void zeroTimeoutReturnsADoneFuturesResult() {
    // WF2
    Future<String> f = loop.createFuture();
    f.setResult("done");
    assertEquals("done", loop.runUntilComplete(co(v -> Asyncio.waitFor(f, Duration.ZERO))));
  }

  @Test
  void zeroTimeoutNeverStartsACoroutine() {
    // WF2
    List<Object> log = Toolkit.log();
    assertThrows(
        AsyncTimeoutException.class,
        () -> loop.runUntilComplete(co(v -> Asyncio.waitFor(co(x -> log.add("started")), ms(-1)))));
    assertEquals(List.of(), log);
  }

  @Test
  void zeroTimeoutCancelsAndAwaitsARunningTask() {
    // WF2: test_wait_for_waits_for_task_cancellation_w_timeout_0
    List<Object> log = Toolkit.log();
    Task<Object> inner = loop.createTask(slowToCancel(100, 5, log));
    runBriefly(loop);
    assertThrows(
        AsyncTimeoutException.class,
        () -> loop.runUntilComplete(co(v -> Asyncio.waitFor(inner, Duration.ZERO))));
    assertTrue(inner.cancelled());
    assertEquals(List.of("cleaned up"), log);
    assertEquals(5, Toolkit.nowMs(loop));
  }

  @Test
  void nullTimeoutIsAPlainAwait() {
    // WF2
    assertEquals(
        "late",
        loop.runUntilComplete(
            co(v -> Asyncio.waitFor(Asyncio.sleep(Duration.ofDays(2), "late"), null))));
  }

  @Test
  void cancellingTheCallerCancelsTheInnerTask() {
    // WF3: with and without a timeout
    for (Duration timeout : new Duration[] {ms(100), null}) {
      List<Object> log = Toolkit.log();
      Task<Object> inner = loop.createTask(slowToCancel(1000, 0, log));
      Task<Object> outer = loop.createTask(co(v -> Asyncio.waitFor(inner, timeout)));
      runBriefly(loop);
      outer.cancel();
      assertThrows(CancelledException.class, () -> Toolkit.complete(loop, outer));
      assertTrue(inner.cancelled());
      assertEquals(List.of("cleaned up"), log);
    }
  }

  @Test
  void innerThatSwallowsTheTimeoutsCancellationReturnsItsValue() {
    // WF4
    Object r =
        loop.runUntilComplete(
            co(
                v ->
                    Asyncio.waitFor(
                        co(x -> Asyncio.sleep(ms(100))).onError(e -> "swallowed"), ms(10))));
    assertEquals("swallowed", r);
  }

  @Test
  void otherExceptionRaisedWhileBeingCancelledPropagates() {
    // WF5
    IllegalStateException cleanup = new IllegalStateException("cleanup");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                loop.runUntilComplete(
                    co(
                        v ->
                            Asyncio.waitFor(
                                co(x -> Asyncio.sleep(ms(100)))
                                    .onError(
                                        x -> {
                                          throw cleanup;
                                        }),
                                ms(10)))));
    assertSame(cleanup, e);
  }

  @Test
  void outerCancelIsNotSwallowedWhenTheInnerTaskCompletesInTheSameIteration() {
    // WF6: gh-86296
    List<Object> log = Toolkit.log();
    Task<Object> inner = loop.createTask(co(v -> "done"));
    Task<Object> task =
        loop.createTask(
            co(
                v -> Asyncio.waitFor(inner, ms(100_000)),
                v -> Asyncio.sleep(ms(1000)),
                v -> log.add("reached end")));
    loop.runUntilComplete(co(v -> Asyncio.sleep(Duration.ZERO)));
    task.cancel();
    assertThrows(CancelledException.class, () -> Toolkit.complete(loop, task));
    assertEquals("done", inner.result());
    assertEquals(List.of(), log);
  }

  @Test
  void innerIgnoringCancellationHoldsBackTheTimeout() {
    // WF7: the timeout can be overrun; the value is returned if the cancel was swallowed
    Object r =
        loop.runUntilComplete(
            co(
                v ->
                    Asyncio.waitFor(
                        co(x -> Asyncio.sleep(ms(100)))
                            .onError(e -> Asyncio.sleep(ms(50), "ignored the cancel")),
                        ms(10))));
    assertEquals("ignored the cancel", r);
    assertEquals(60, Toolkit.nowMs(loop));
  }

  @Test
  void resultSetJustBeforeTheDeadlineIsReturned() {
    // WF7: test_wait_for_race_condition
    Future<String> f = loop.createFuture();
    loop.callLater(ms(10).minusNanos(1), () -> f.setResult("in time"));
    assertEquals("in time", loop.runUntilComplete(co(v -> Asyncio.waitFor(f, ms(10)))));
  }

  @Test
  void timeoutOnAShieldCancelsOnlyTheShield() {
    // WF8: test_shielded_timeout / test_zero_timeout
    for (Duration d : new Duration[] {ms(10), Duration.ZERO}) {
      Task<Object> t = loop.createTask(co(v -> Asyncio.sleep(ms(50), "inner")));
      assertThrows(
          AsyncTimeoutException.class,
          () -> loop.runUntilComplete(co(v -> Asyncio.waitFor(Asyncio.shield(t), d))));
      assertFalse(t.done());
      assertEquals("inner", Toolkit.complete(loop, t));
    }
  }

  @Test
  void conditionWaitTimesOutWithTheLockReacquired() {
    // WF9: bpo-32751
    Condition cond = new Condition();
    Object r =
        loop.runUntilComplete(
            co(
                v -> cond.acquire(),
                v -> co(x -> Asyncio.waitFor(cond.waitNotified(), ms(10))).onError(e -> e),
                v -> {
                  String s = v.getClass().getSimpleName() + " locked=" + cond.locked();
                  cond.release();
                  return s;
                }));
    assertEquals("AsyncTimeoutException locked=true", r);
  }
}
