package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.ms;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeoutTest {
  private final EventLoop loop = newLoop();

  /** Runs {@code body} inside {@code t} with the explicit enter/exit API, logging the outcome. */
  private static Script<Object> guarded(Timeout t, Script.Step body, List<Object> log) {
    return co(
            v -> {
              t.enter();
              return null;
            },
            body,
            v -> {
              t.exit(null);
              return v;
            })
        .onError(
            e -> {
              try {
                t.exit(e);
              } catch (Throwable thrown) {
                log.add(thrown.getClass().getSimpleName());
                throw thrown;
              }
              throw new AssertionError("exit returned");
            });
  }

  @Test
  void expiryCancelsTheBlockAndRaisesTimeoutCausedByTheCancellation() {
    // TO1
    Timeout[] t = new Timeout[1];
    AsyncTimeoutException e =
        assertThrows(
            AsyncTimeoutException.class,
            () ->
                loop.runUntilComplete(
                    co(
                        v -> {
                          t[0] = Asyncio.timeout(ms(10));
                          return t[0].wrap(Asyncio.sleep(ms(100)));
                        })));
    assertInstanceOf(CancelledException.class, e.getCause());
    assertTrue(t[0].expired());
    assertEquals(10, Toolkit.nowMs(loop));
    assertEquals("Timeout[expired]", t[0].toString());
  }

  @Test
  void timeoutAtReportsItsDeadline() {
    // TO1
    Timeout t = Asyncio.timeoutAt(123_000_000L);
    assertEquals(123_000_000L, t.when());
    assertThrows(
        AsyncTimeoutException.class,
        () -> loop.runUntilComplete(t.wrap(Asyncio.sleep(Duration.ofSeconds(1)))));
    assertEquals(123, Toolkit.nowMs(loop));
  }

  @Test
  void unexpiredTimeoutLetsTheBlockFinish() {
    // TO2
    Timeout[] t = new Timeout[1];
    Object r =
        loop.runUntilComplete(
            co(
                v -> {
                  t[0] = Asyncio.timeout(ms(100));
                  return t[0].wrap(Asyncio.sleep(ms(10), "done"));
                }));
    assertEquals("done", r);
    assertFalse(t[0].expired());
    assertTrue(t[0].when() > loop.time());
    assertEquals("Timeout[finished]", t[0].toString());
  }

  @Test
  void disabledTimeoutNeverExpires() {
    // TO2
    Timeout t = Asyncio.timeout(null);
    assertNull(t.when());
    assertEquals("x", loop.runUntilComplete(t.wrap(Asyncio.sleep(Duration.ofDays(1), "x"))));
    assertFalse(t.expired());
    assertNull(Asyncio.timeoutAt(null).when());
  }

  @Test
  void zeroOrPastDeadlineExpiresOnTheNextIterationEvenWithSleepZero() {
    // TO3
    for (Duration d : new Duration[] {Duration.ZERO, ms(-5)}) {
      assertThrows(
          AsyncTimeoutException.class,
          () -> loop.runUntilComplete(co(v -> Asyncio.timeout(d, Asyncio.sleep(Duration.ZERO)))));
    }
    assertEquals(0, Toolkit.nowMs(loop));
  }

  @Test
  void nestedTimeoutsExpiringTogetherConvertOnlyInTheOutermost() {
    // TO4: test_nested_timeouts
    List<Object> log = Toolkit.log();
    Timeout[] t = new Timeout[2];
    assertThrows(
        AsyncTimeoutException.class,
        () ->
            loop.runUntilComplete(
                co(
                    v -> {
                      t[0] = Asyncio.timeout(ms(10));
                      t[1] = Asyncio.timeout(ms(10));
                      return t[0].wrap(
                          co(x -> t[1].wrap(Asyncio.sleep(ms(100))))
                              .onError(
                                  e -> {
                                    log.add(e.getClass().getSimpleName());
                                    throw e;
                                  }));
                    })));
    assertEquals(List.of("CancelledException"), log);
    assertTrue(t[0].expired());
    assertTrue(t[1].expired());
  }

  @Test
  void innerTimeoutThatExpiredAloneRaisesItsOwnTimeout() {
    // TO4: test_nested_timeouts_loop_busy shape
    Object r =
        loop.runUntilComplete(
            co(
                v ->
                    Asyncio.timeout(
                        ms(100),
                        co(x -> Asyncio.timeout(ms(10), Asyncio.sleep(ms(50))))
                            .onError(e -> "inner " + e.getClass().getSimpleName()))));
    assertEquals("inner AsyncTimeoutException", r);
    assertEquals(10, Toolkit.nowMs(loop));
  }

  @Test
  void foreignCancelInsideAnUnexpiredTimeoutStaysACancellation() {
    // TO5
    Timeout[] t = new Timeout[1];
    Task<Object> task =
        loop.createTask(
            co(
                v -> {
                  t[0] = Asyncio.timeout(ms(100));
                  return t[0].wrap(Asyncio.sleep(ms(50)));
                }));
    Toolkit.advance(loop, ms(5));
    task.cancel();
    assertThrows(CancelledException.class, () -> Toolkit.complete(loop, task));
    assertTrue(task.cancelled());
    assertFalse(t[0].expired());
  }

  @Test
  void taskIsNotLeftCancelledAfterTheConversion() {
    // TO6
    Object r =
        loop.runUntilComplete(
            co(v -> Asyncio.timeout(ms(1), Asyncio.sleep(ms(10))))
                .onError(
                    e ->
                        co(
                            x ->
                                Asyncio.sleep(
                                    ms(5), "cancelling=" + Asyncio.currentTask().cancelling()))));
    assertEquals("cancelling=0", r);
  }

  @Test
  void otherExceptionsPassThroughUnchanged() {
    // TO7
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                loop.runUntilComplete(
                    co(
                        w ->
                            Asyncio.timeout(
                                ms(100),
                                co(
                                    v -> Asyncio.sleep(ms(1)),
                                    v -> {
                                      throw boom;
                                    })))));
    assertSame(boom, e);
  }

  @Test
  void exceptionDuringTheUnwindAfterExpiryPropagates() {
    // TO7: test_foreign_exception_on_timeout
    IllegalArgumentException cleanup = new IllegalArgumentException("cleanup");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                loop.runUntilComplete(
                    co(
                        w ->
                            Asyncio.timeout(
                                ms(1),
                                co(v -> Asyncio.sleep(ms(10)))
                                    .onError(
                                        x -> {
                                          throw cleanup;
                                        })))));
    assertSame(cleanup, e);
  }

  @Test
  void timeoutEnteredAfterASwallowedCancellationStillWorks() {
    // TO8: test_timeout_after_cancellation
    List<Object> log = Toolkit.log();
    Task<Object> task =
        loop.createTask(
            co(v -> Asyncio.sleep(ms(100)))
                .onError(
                    e ->
                        co(v -> Asyncio.timeout(ms(10), Asyncio.sleep(ms(50))))
                            .onError(
                                inner -> {
                                  log.add(inner.getClass().getSimpleName());
                                  return "handled";
                                })));
    Toolkit.advance(loop, ms(1));
    task.cancel(); // swallowed by the first handler (cancelling() stays 1)
    assertEquals("handled", Toolkit.complete(loop, task));
    assertEquals(List.of("AsyncTimeoutException"), log);
  }

  @Test
  void freshCancelInATimeoutAfterASwallowedCancellationPropagates() {
    // TO8: test_cancel_in_timeout_after_cancellation
    Task<?>[] self = new Task<?>[1];
    Task<Object> task =
        loop.createTask(
            co(v -> {
                  self[0] = Asyncio.currentTask();
                  return Asyncio.sleep(ms(100));
                })
                .onError(
                    e ->
                        Asyncio.timeout(
                            ms(10),
                            co(
                                v -> {
                                  self[0].cancel();
                                  return Asyncio.sleep(ms(50));
                                }))));
    Toolkit.advance(loop, ms(1));
    task.cancel();
    assertThrows(CancelledException.class, () -> Toolkit.complete(loop, task));
    assertTrue(task.cancelled());
  }

  @Test
  void rescheduleMovesOrDisablesTheDeadline() {
    // TO9
    Timeout t = Asyncio.timeoutAt(null);
    Script<Object> body =
        co(
            v -> {
              t.reschedule(loop.time() + ms(20).toNanos());
              return Asyncio.sleep(ms(10));
            },
            v -> {
              t.reschedule(null);
              return Asyncio.sleep(ms(30));
            },
            v -> {
              t.reschedule(loop.time() + ms(5).toNanos());
              return Asyncio.sleep(ms(30));
            });
    Object r =
        loop.runUntilComplete(
            co(v -> t.wrap(body))
                .onError(e -> e.getClass().getSimpleName() + "@" + Toolkit.nowMs(loop)));
    assertEquals("AsyncTimeoutException@45", r);
  }

  @Test
  void rescheduleInTheWrongStateIsAnError() {
    // TO9
    Timeout t = Asyncio.timeoutAt(null);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.reschedule(1L));
    assertEquals("Timeout has not been entered", e.getMessage());
    Timeout expired = Asyncio.timeoutAt(0L);
    loop.runUntilComplete(co(v -> expired.wrap(Asyncio.sleep(ms(10)))).onError(x -> null));
    e = assertThrows(IllegalStateException.class, () -> expired.reschedule(1L));
    assertEquals("Cannot change state of expired Timeout", e.getMessage());
    Timeout finished = Asyncio.timeoutAt(null);
    loop.runUntilComplete(finished.wrap(Asyncio.sleep(ms(1))));
    e = assertThrows(IllegalStateException.class, () -> finished.reschedule(1L));
    assertEquals("Cannot change state of finished Timeout", e.getMessage());
  }

  @Test
  void rescheduleWhileExpiringIsAnError() {
    // TO9: test_timeout_expiring
    List<Object> log = Toolkit.log();
    Timeout t = Asyncio.timeoutAt(0L);
    Script<Object> body =
        co(x -> Asyncio.sleep(ms(10)))
            .onError(
                x -> {
                  try {
                    t.reschedule(5L);
                  } catch (IllegalStateException ise) {
                    log.add(ise.getMessage());
                  }
                  throw x;
                });
    loop.runUntilComplete(co(v -> guarded(t, x -> body, log)).onError(e -> null));
    assertEquals(List.of("Cannot change state of expiring Timeout", "AsyncTimeoutException"), log);
  }

  @Test
  void enteringTwiceOrOutsideATaskIsAnError() {
    // TO10
    Timeout t = Asyncio.timeoutAt(null);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> loop.runUntilComplete(co(v -> t.enter(), v -> t.enter())));
    assertEquals("Timeout has already been entered", e.getMessage());
    Object[] err = new Object[1];
    loop.callSoon(
        () -> {
          try {
            Asyncio.timeoutAt(null).enter();
          } catch (IllegalStateException x) {
            err[0] = x.getMessage();
          }
        });
    runBriefly(loop);
    assertEquals("Timeout should be used inside a task", err[0]);
  }

  @Test
  void toStringShowsStateAndDeadline() {
    // TO10
    Timeout t = Asyncio.timeoutAt(50_000_000L);
    assertEquals("Timeout[created]", t.toString());
    Object r = loop.runUntilComplete(t.wrap(co(v -> t.toString())));
    assertEquals("Timeout[active when=50000000]", r);
    assertEquals("Timeout[finished]", t.toString());
  }

  @Test
  void explicitEnterExitConvertsOnlyForTheTimeoutThatFired() {
    // TO1/TO5 through the explicit API
    List<Object> log = Toolkit.log();
    Timeout t = Asyncio.timeoutAt(5_000_000L);
    assertThrows(
        AsyncTimeoutException.class,
        () -> loop.runUntilComplete(guarded(t, v -> Asyncio.sleep(ms(10)), log)));
    assertEquals(List.of("AsyncTimeoutException"), log);
    Timeout quiet = Asyncio.timeoutAt(null);
    assertEquals("v", loop.runUntilComplete(guarded(quiet, v -> Asyncio.sleep(ms(1), "v"), log)));
  }
}
