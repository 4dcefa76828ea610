package io.asyncio4j;

import static io.asyncio4j.Coro.awaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.internal.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EventLoopTest {
  private final List<ExceptionContext> reported = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final EventLoop loop = EventLoop.withVirtualTime();

  {
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
  }

  @AfterEach
  void closeLoop() {
    if (!loop.isRunning()) {
      loop.close();
    }
  }

  private Runnable logs(String s) {
    return () -> log.add(s);
  }

  /** L1: callSoon callbacks run in FIFO order. */
  @Test
  void callSoonRunsCallbacksInFifoOrder() {
    loop.callSoon(logs("hello"));
    loop.callSoon(logs("world"));
    Loops.runIterations(loop, 1);
    assertEquals(List.of("hello", "world"), log);
  }

  /** L1: callSoonThreadsafe on the loop thread joins the same FIFO queue as callSoon. */
  @Test
  void callSoonThreadsafeOnTheLoopThreadJoinsTheSameFifo() {
    loop.callSoon(
        () -> {
          loop.callSoon(logs("a"));
          loop.callSoonThreadsafe(logs("b"));
          loop.callSoon(logs("c"));
        });
    Loops.runIterations(loop, 2);
    assertEquals(List.of("a", "b", "c"), log);
  }

  /** L2: one iteration runs only what was ready when it began, timers' callbacks included. */
  @Test
  void oneIterationRunsOnlyWhatWasReadyWhenItBegan() {
    loop.callSoon(
        () -> {
          log.add("first");
          loop.callSoon(logs("scheduled during iteration 1"));
        });
    loop.callLater(Duration.ZERO, () -> loop.callSoon(logs("scheduled by a timer")));
    Loops.runIterations(loop, 1);
    assertEquals(List.of("first"), log);
    Loops.runIterations(loop, 1);
    assertEquals(List.of("first", "scheduled during iteration 1", "scheduled by a timer"), log);
  }

  /** L3: due timers join after ready callbacks, in deadline order (negative delays allowed). */
  @Test
  void dueTimersRunAfterReadyCallbacksInDeadlineOrder() {
    loop.callLater(Duration.ofSeconds(-1), logs("a"));
    loop.callLater(Duration.ofSeconds(-2), logs("b"));
    loop.callSoon(logs("soon"));
    Loops.runIterations(loop, 1);
    assertEquals(List.of("soon", "b", "a"), log);
  }

  /** L4: equal deadlines run in scheduling order (the port's (when, seq) tie-break). */
  @Test
  void equalDeadlinesRunInSchedulingOrder() {
    long when = loop.time() + 10;
    for (int i = 0; i < 20; i++) {
      loop.callAt(when, logs(Integer.toString(i)));
    }
    Loops.runFor(loop, Duration.ofNanos(10));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add(Integer.toString(i));
    }
    assertEquals(expected, log);
  }

  /** L5: a timer never fires before its deadline; callLater returns its TimerHandle. */
  @Test
  void timerRunsAtItsDeadlineNotBefore() {
    TimerHandle h = loop.callLater(Duration.ofMillis(10), () -> log.add("at " + loop.time()));
    assertEquals(Duration.ofMillis(10).toNanos(), h.when());
    Loops.advance(loop, Duration.ofMillis(10).minusNanos(1));
    Loops.runIterations(loop, 1);
    assertEquals(List.of(), log);
    Loops.runFor(loop, Duration.ofMillis(5));
    assertEquals(List.of("at " + Duration.ofMillis(10).toNanos()), log);
  }

  /** L5: callLater and callAt reject a missing argument (asyncio: TypeError for None). */
  @Test
  void callLaterRejectsNullDelayAndCallback() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> loop.callLater(null, logs("x")));
    assertEquals("delay", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> loop.callAt(0, null));
    assertEquals("callback", e.getMessage());
  }

  /** L6: a cancelled handle is skipped and drops its callback. */
  @Test
  void cancelledHandleIsSkipped() {
    Handle h = loop.callSoon(logs("cancelled"));
    loop.callSoon(logs("kept"));
    h.cancel();
    assertTrue(h.cancelled());
    assertNull(h.callback());
    Loops.runIterations(loop, 1);
    assertEquals(List.of("kept"), log);
  }

  /** L6: a cancelled timer never runs and drops its callback. */
  @Test
  void cancelledTimerIsSkipped() {
    TimerHandle h = loop.callLater(Duration.ofSeconds(1), logs("cancelled"));
    loop.callLater(Duration.ofSeconds(2), logs("kept"));
    h.cancel();
    assertTrue(h.cancelled());
    assertNull(h.callback());
    Loops.runFor(loop, Duration.ofSeconds(3));
    assertEquals(List.of("kept"), log);
  }

  /** Many cancelled timers are compacted out of the heap (lazy removal has a bound). */
  @Test
  void manyCancelledTimersAreCompactedAway() {
    List<TimerHandle> handles = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      handles.add(loop.callLater(Duration.ofDays(1), logs("never")));
    }
    loop.callLater(Duration.ofSeconds(1), logs("kept"));
    handles.forEach(TimerHandle::cancel);
    Loops.runFor(loop, Duration.ofDays(2));
    assertEquals(List.of("kept"), log);
  }

  /** L10: an exception in a callback goes to the handler and the loop keeps running. */
  @Test
  void callbackExceptionGoesToTheHandlerAndTheLoopKeepsRunning() {
    IllegalStateException boom = new IllegalStateException("boom");
    Runnable bad =
        () -> {
          throw boom;
        };
    Handle h = loop.callSoon(bad);
    loop.callSoon(logs("after"));
    Loops.runIterations(loop, 1);
    assertEquals(List.of("after"), log);
    assertEquals(1, reported.size());
    assertSame(boom, reported.get(0).exception());
    assertSame(h, reported.get(0).source());
    assertTrue(reported.get(0).message().startsWith("Exception in callback Handle["));
  }

  /** L11: the handler gets the loop; null restores the default handler. */
  @Test
  void nullExceptionHandlerRestoresTheDefault() {
    List<ExceptionContext> defaults = new ArrayList<>();
    EventLoop l =
        new EventLoop(new VirtualClock()) {
          @Override
          public void defaultExceptionHandler(ExceptionContext context) {
            defaults.add(context);
          }
        };
    AtomicReference<EventLoop> seen = new AtomicReference<>();
    l.setExceptionHandler((lp, ctx) -> seen.set(lp));
    l.callExceptionHandler(new ExceptionContext("one", null, null));
    assertSame(l, seen.get());
    l.setExceptionHandler(null);
    assertNull(l.getExceptionHandler());
    l.callExceptionHandler(new ExceptionContext("two", null, null));
    assertEquals(1, defaults.size());
    assertEquals("two", defaults.get(0).message());
  }

  /** L11: an exception from the handler itself is logged as "Unhandled error in exception handler". */
  @Test
  void brokenExceptionHandlerIsLogged() {
    List<ExceptionContext> defaults = new ArrayList<>();
    EventLoop l =
        new EventLoop(new VirtualClock()) {
          @Override
          public void defaultExceptionHandler(ExceptionContext context) {
            defaults.add(context);
          }
        };
    RuntimeException broken = new RuntimeException("handler broke");
    l.setExceptionHandler(
        (lp, ctx) -> {
          throw broken;
        });
    l.callSoon(
        () -> {
          throw new IllegalArgumentException("callback broke");
        });
    l.callSoon(logs("still running"));
    Loops.runIterations(l, 1);
    assertEquals(List.of("still running"), log);
    assertEquals(1, defaults.size());
    assertEquals("Unhandled error in exception handler", defaults.get(0).message());
    assertSame(broken, defaults.get(0).exception());
  }

  /** The default handler's own failure (here: logging an exception whose message throws). */
  @Test
  void anExceptionWhoseMessageThrowsDoesNotBreakTheDefaultHandler() {
    EventLoop l = new EventLoop(new VirtualClock());
    l.callSoon(
        () -> {
          throw new IllegalStateException() {
            @Override
            public String getMessage() {
              throw new UnsupportedOperationException("getMessage() broke");
            }
          };
        });
    l.callSoon(logs("still running"));
    Loops.runIterations(l, 1);
    assertEquals(List.of("still running"), log);
  }

  /** A default handler that throws (say, logging fails) is guarded as asyncio guards it. */
  @Test
  void aThrowingDefaultHandlerDoesNotStopTheLoopWithOrWithoutACustomHandler() {
    List<String> calls = new ArrayList<>();
    EventLoop l =
        new EventLoop(new VirtualClock()) {
          @Override
          public void defaultExceptionHandler(ExceptionContext context) {
            calls.add(context.message());
            throw new IllegalStateException("logging broke");
          }
        };
    l.callSoon(
        () -> {
          throw new IllegalArgumentException("callback broke");
        });
    l.callSoon(logs("after the default handler broke"));
    Loops.runIterations(l, 1);
    l.setExceptionHandler(
        (lp, ctx) -> {
          throw new IllegalStateException("handler broke");
        });
    l.callSoon(
        () -> {
          throw new IllegalArgumentException("callback broke again");
        });
    l.callSoon(logs("after both handlers broke"));
    Loops.runIterations(l, 1);
    assertEquals(List.of("after the default handler broke", "after both handlers broke"), log);
    assertEquals(2, calls.size());
    assertTrue(calls.get(0).startsWith("Exception in callback "), calls.get(0));
    assertEquals("Unhandled error in exception handler", calls.get(1));
  }

  /** L12: in debug mode a loop-confined method called from a foreign thread throws. */
  @Test
  @Timeout(10)
  void debugModeRejectsCallSoonFromAnotherThread() throws Exception {
    loop.setDebug(true);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Coro<Void> main =
        Coro.start(
            v -> {
              Thread t =
                  new Thread(
                      () -> {
                        try {
                          loop.callSoon(logs("never"));
                        } catch (Throwable e) {
                          thrown.set(e);
                        }
                      });
              t.start();
              t.join();
              return null;
            });
    loop.runUntilComplete(main);
    assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
    assertTrue(
        thrown
            .get()
            .getMessage()
            .startsWith("Non-thread-safe operation invoked on an event loop other than the current one"),
        thrown.get().getMessage());
  }

  /** L12: callSoonThreadsafe from another thread wakes a loop that is waiting (real time). */
  @Test
  @Timeout(10)
  void callSoonThreadsafeFromAnotherThreadWakesTheLoop() throws Exception {
    EventLoop real = new EventLoop();
    CountDownLatch running = new CountDownLatch(1);
    real.callSoon(running::countDown);
    Thread poster =
        new Thread(
            () -> {
              try {
                running.await();
                real.callSoonThreadsafe(real::stop);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    poster.start();
    real.runForever(); // would wait forever: no timers, nothing ready, until the poster wakes it
    poster.join();
    assertFalse(real.isRunning());
    real.close();
  }

  /** Debug mode reports callbacks that take longer than the slow-callback threshold. */
  @Test
  void debugModeWarnsAboutSlowCallbacks() {
    List<String> warnings = new ArrayList<>();
    loop.warnings = warnings::add;
    loop.setDebug(true);
    loop.setSlowCallbackDuration(Duration.ofMillis(50));
    loop.callSoon(() -> Loops.advance(loop, Duration.ofMillis(200)));
    loop.callSoon(() -> Loops.advance(loop, Duration.ofMillis(10)));
    Loops.runIterations(loop, 1);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("Executing Handle["), warnings.get(0));
    assertTrue(warnings.get(0).endsWith(" took 0.200 seconds"), warnings.get(0));
  }

  /** Argument checks read "name: value (expected: ...)". */
  @Test
  void slowCallbackDurationMustNotBeNegative() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> loop.setSlowCallbackDuration(Duration.ofSeconds(-1)));
    assertEquals("threshold: PT-1S (expected: >= PT0S)", e.getMessage());
  }

  /** LC1: stop() takes effect after the current iteration; the loop can run again. */
  @Test
  void stopTakesEffectAfterTheCurrentIteration() {
    loop.callSoon(
        () -> {
          loop.stop();
          log.add("stopping");
          loop.callSoon(logs("next iteration"));
        });
    loop.callSoon(logs("same iteration"));
    loop.runForever();
    assertEquals(List.of("stopping", "same iteration"), log);
    loop.callSoon(loop::stop);
    loop.runForever();
    assertEquals(List.of("stopping", "same iteration", "next iteration"), log);
  }

  /** LC1: stop() before runForever() runs exactly one iteration, without waiting. */
  @Test
  void stopBeforeRunForeverRunsExactlyOneIteration() {
    loop.callLater(Duration.ofSeconds(1), logs("timer"));
    loop.callSoon(() -> loop.callSoon(logs("second iteration")));
    loop.stop();
    loop.runForever();
    assertEquals(List.of(), log);
    assertEquals(0, loop.time());
  }

  /** LC2: stop() before the future is done makes runUntilComplete throw; the task stays pending. */
  @Test
  void stopBeforeTheFutureCompletesThrowsAndTheTaskStaysPending() {
    Future<String> gate = loop.createFuture();
    Task<String> t = loop.createTask(Coro.<String>start(v -> awaiting(gate)).then(v -> "got " + v));
    loop.callLater(Duration.ofSeconds(1), loop::stop);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
    assertEquals("Event loop stopped before Future completed.", e.getMessage());
    assertFalse(t.done());
    gate.setResult("x");
    assertEquals("got x", loop.runUntilComplete(t));
  }

  /** LC5: runUntilComplete of a future that is already done runs one iteration and returns. */
  @Test
  @Timeout(5)
  void runUntilCompleteOfADoneFutureRunsOneIterationAndReturns() {
    Future<String> done = loop.createFuture();
    done.setResult("ready");
    List<String> ran = new ArrayList<>();
    loop.callSoon(() -> ran.add("soon"));
    assertEquals("ready", loop.runUntilComplete(done));
    assertEquals(List.of("soon"), ran);
    assertFalse(loop.isRunning());
  }

  /** LC3: close() is idempotent and a closed loop rejects every kind of work. */
  @Test
  void closedLoopRejectsWork() {
    loop.close();
    loop.close();
    assertTrue(loop.isClosed());
    List<Runnable> attempts =
        List.of(
            () -> loop.runForever(),
            () -> loop.runUntilComplete(Coro.returning(1)),
            () -> loop.callSoon(logs("x")),
            () -> loop.callSoonThreadsafe(logs("x")),
            () -> loop.callLater(Duration.ZERO, logs("x")),
            () -> loop.callAt(0, logs("x")),
            () -> loop.createTask(Coro.returning(1)),
            () -> loop.createFuture());
    for (Runnable attempt : attempts) {
      IllegalStateException e = assertThrows(IllegalStateException.class, attempt::run);
      assertEquals("Event loop is closed", e.getMessage());
    }
  }

  /** LC4: close() on a running loop throws. */
  @Test
  void closingARunningLoopIsRejected() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    loop.callSoon(
        () -> {
          try {
            loop.close();
          } catch (IllegalStateException e) {
            thrown.set(e);
          }
          loop.stop();
        });
    loop.runForever();
    assertEquals("Cannot close a running event loop", thrown.get().getMessage());
    assertFalse(loop.isClosed());
  }

  /** LC5: runUntilComplete inside the running loop throws. */
  @Test
  void runUntilCompleteInsideTheRunningLoopIsRejected() {
    Task<Object> t =
        loop.createTask(Coro.start(v -> loop.runUntilComplete(Coro.returning(1))));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
    assertEquals("This event loop is already running", e.getMessage());
  }

  /** LC5: a second loop cannot run on a thread that is running one. */
  @Test
  void secondLoopOnTheSameThreadIsRejected() {
    EventLoop other = EventLoop.withVirtualTime();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> loop.runUntilComplete(Coro.start(v -> other.runUntilComplete(Coro.returning(1)))));
    assertEquals("Cannot run the event loop while another loop is running", e.getMessage());
    other.close();
  }

  /** LC5: a future of another loop is rejected; a coroutine is wrapped in a task. */
  @Test
  void runUntilCompleteChecksItsArgument() {
    EventLoop other = EventLoop.withVirtualTime();
    Future<Object> foreign = other.createFuture();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(foreign));
    assertTrue(e.getMessage().endsWith("belongs to a different loop than this one"));
    Coro<Task<?>> c = Coro.start(v -> Asyncio.currentTask());
    Task<?> wrapped = loop.runUntilComplete(c);
    assertSame(c, wrapped.getCoro());
    other.close();
  }

  /** LC6/T12: a VirtualMachineError in a task is stored and propagates out of the loop. */
  @Test
  void virtualMachineErrorPropagatesOutOfTheLoop() {
    StackOverflowError error = new StackOverflowError("deep");
    Task<Object> t = loop.createTask(Coro.throwing(error));
    StackOverflowError thrown =
        assertThrows(StackOverflowError.class, () -> loop.runUntilComplete(t));
    assertSame(error, thrown);
    assertTrue(t.done());
    assertFalse(t.cancelled());
    assertSame(error, t.exception());
    // No stale stop() is left behind: the next run goes on until its own future is done.
    assertEquals("later", loop.runUntilComplete(Asyncio.sleep(Duration.ofSeconds(1), "later")));
    assertEquals(Duration.ofSeconds(1).toNanos(), loop.time());
  }

  /** isRunning() is true exactly while the loop runs. */
  @Test
  void isRunningWhileRunning() {
    assertFalse(loop.isRunning());
    loop.callSoon(() -> log.add("running=" + loop.isRunning()));
    Loops.runIterations(loop, 1);
    assertEquals(List.of("running=true"), log);
    assertFalse(loop.isRunning());
  }

  /** Virtual time: time() starts at 0 and moves only to timer deadlines. */
  @Test
  void virtualTimeAdvancesToTheNextTimerWhenIdle() {
    assertEquals(0, loop.time());
    loop.callLater(Duration.ofHours(3), () -> log.add("t=" + loop.time()));
    loop.callLater(Duration.ofHours(5), loop::stop);
    loop.runForever();
    assertEquals(List.of("t=" + Duration.ofHours(3).toNanos()), log);
    assertEquals(Duration.ofHours(5).toNanos(), loop.time());
  }

  /** Timer handles report cancellation, and cancelling twice or after running is harmless. */
  @Test
  void cancellingATimerAfterItRanIsHarmless() {
    TimerHandle h = loop.callLater(Duration.ofSeconds(1), logs("ran"));
    Loops.runFor(loop, Duration.ofSeconds(2));
    h.cancel();
    h.cancel();
    assertTrue(h.cancelled());
    assertEquals(List.of("ran"), log);
  }

  /** The Threadsafe entry from another thread preserves that thread's order (real time). */
  @Test
  @Timeout(10)
  void callSoonThreadsafeFromAThreadKeepsItsOrder() throws Exception {
    EventLoop real = new EventLoop();
    List<Integer> seen = new ArrayList<>();
    Thread poster =
        new Thread(
            () -> {
              for (int i = 0; i < 1000; i++) {
                int n = i;
                real.callSoonThreadsafe(() -> seen.add(n));
              }
              real.callSoonThreadsafe(real::stop);
            });
    poster.start();
    real.runForever();
    poster.join();
    assertEquals(1000, seen.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, seen.get(i));
    }
    real.close();
  }
}
