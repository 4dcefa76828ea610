package io.asyncio4j;

import static io.asyncio4j.Coro.awaiting;
import static io.asyncio4j.Coro.awaitingAt;
import static io.asyncio4j.Coro.rethrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TaskTest {
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = new ArrayList<>();
  private final List<ExceptionContext> reported = new ArrayList<>();
  private final Steps steps = new Steps();

  {
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
  }

  @AfterEach
  void closeLoop() {
    if (!loop.isClosed() && !loop.isRunning()) {
      loop.close();
    }
    assertEquals(List.of(), reported, "unexpected exception-handler reports");
  }

  /** A coroutine that awaits {@code f} and returns its result. */
  private static Coro<String> awaitsFuture(Future<String> f) {
    return Coro.<String>start(v -> awaiting(f));
  }

  /** A handler stage that logs the exception type it sees (or the value) and rethrows. */
  private Coro.Handler logsAndRethrows(String who) {
    return (v, e) -> {
      log.add(who + ": " + (e == null ? "value " + v : e.getClass().getSimpleName()));
      return rethrow(e, v);
    };
  }

  // ---------------------------------------------------------------- lifecycle and introspection

  /** T1: createTask schedules the first step with callSoon; the body waits for the loop. */
  @Test
  void createTaskSchedulesTheFirstStepWithCallSoon() {
    loop.callSoon(() -> steps.expect(1));
    Task<String> t =
        loop.createTask(
            Coro.start(
                v -> {
                  steps.expect(2);
                  return "done";
                }));
    loop.callSoon(() -> steps.finish(3));
    assertFalse(t.done());
    Loops.runIterations(loop, 1);
    steps.assertFinished(3);
    assertEquals("done", t.result());
  }

  /** T2: a task finishes with the coroutine's result, or its exception (same instance). */
  @Test
  void taskFinishesWithTheCoroutinesResultOrException() {
    Task<Integer> ok = loop.createTask(Coro.returning(7));
    IOException boom = new IOException("boom");
    Task<Integer> failed = loop.createTask(Coro.throwing(boom));
    Loops.runIterations(loop, 1);
    assertEquals(7, ok.result());
    assertSame(boom, failed.exception());
    assertSame(boom, assertThrows(IOException.class, failed::result));
  }

  /**
   * A stack overflow (deeply nested input) fails only its task, like Python's RecursionError, and
   * so does a failed huge allocation (like MemoryError); the loop and the other tasks go on.
   */
  @Test
  void aStackOverflowOrAnOutOfMemoryErrorFailsOnlyItsTask() {
    Task<Object> deep = loop.createTask(Coro.start(v -> recurse(0)));
    Task<Object> huge = loop.createTask(Coro.start(v -> new long[Integer.MAX_VALUE]));
    Task<Integer> ok = loop.createTask(Coro.returning(7));
    Loops.runIterations(loop, 1);
    assertInstanceOf(StackOverflowError.class, deep.exception());
    assertInstanceOf(OutOfMemoryError.class, huge.exception());
    assertEquals(7, ok.result());
  }

  /** In a callback the two go to the exception handler; other VM errors still stop the loop. */
  @Test
  void aStackOverflowInACallbackIsReportedButAnInternalErrorStopsTheLoop() {
    loop.callSoon(() -> recurse(0));
    loop.callSoon(() -> log.add("still running"));
    Loops.runIterations(loop, 1);
    assertEquals(List.of("still running"), log);
    assertEquals(1, reported.size());
    assertInstanceOf(StackOverflowError.class, reported.get(0).exception());
    reported.clear();
    InternalError broken = new InternalError("JVM broke");
    loop.callSoon(
        () -> {
          throw broken;
        });
    assertSame(broken, assertThrows(InternalError.class, () -> Loops.runIterations(loop, 1)));
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  /** T2: awaiting a failed task several times rethrows the same exception each time. */
  @Test
  void awaitingAFailedTaskTwiceRethrowsTheSameException() {
    IOException boom = new IOException("boom");
    Task<Object> failed = loop.createTask(Coro.throwing(boom));
    List<Throwable> seen = new ArrayList<>();
    Coro.Handler record =
        (v, e) -> {
          seen.add(e);
          return null;
        };
    loop.runUntilComplete(
        Coro.start(v -> awaiting(failed)).handle(record).then(v -> awaiting(failed)).handle(record));
    assertEquals(2, seen.size());
    assertSame(boom, seen.get(0));
    assertSame(boom, seen.get(1));
  }

  /** T3: a task cannot be completed from outside. */
  @Test
  void setResultAndSetExceptionOnATaskThrow() {
    Task<String> t = loop.createTask(Coro.returning("x"));
    assertEquals(
        "Task does not support setResult operation",
        assertThrows(UnsupportedOperationException.class, () -> t.setResult("y")).getMessage());
    assertEquals(
        "Task does not support setException operation",
        assertThrows(UnsupportedOperationException.class, () -> t.setException(new IOException()))
            .getMessage());
    Loops.runIterations(loop, 1);
    assertEquals("x", t.result());
  }

  /** T4: default names are Task-n, n strictly increasing; given names are kept; setName renames. */
  @Test
  void defaultNamesCountUpAndCustomNamesAreKept() {
    Task<Integer> a = loop.createTask(Coro.returning(1));
    Task<Integer> b = loop.createTask(Coro.returning(2), "custom");
    Task<Integer> c = loop.createTask(Coro.returning(3));
    assertEquals("Task-1", a.getName());
    assertEquals("custom", b.getName());
    assertEquals("Task-3", c.getName());
    c.setName("renamed");
    assertEquals("renamed", c.getName());
    c.setName(null);
    assertEquals("null", c.getName());
    Loops.runIterations(loop, 1);
  }

  /** T5: currentTask() is the running task across awaits, with tasks interleaving. */
  @Test
  void currentTaskIsTheRunningTaskAcrossAwaits() {
    List<Object> seen = new ArrayList<>();
    Coro.Step record =
        v -> {
          seen.add(Asyncio.currentTask().getName());
          return awaiting(Asyncio.sleep(Duration.ZERO));
        };
    loop.createTask(Coro.start(record).then(record), "a");
    loop.createTask(Coro.start(record).then(record), "b");
    Loops.runIterations(loop, 3);
    assertEquals(List.of("a", "b", "a", "b"), seen);
  }

  /** T5: currentTask() is null in a plain callback and throws with no running loop. */
  @Test
  void currentTaskOutsideATask() {
    loop.callSoon(() -> log.add("current=" + Asyncio.currentTask()));
    Loops.runIterations(loop, 1);
    assertEquals(List.of("current=null"), log);
    assertEquals(
        "no running event loop: currentTask() works only inside a coroutine or callback that a"
            + " loop runs; start the program's main coroutine with Asyncio.run(...) and call it"
            + " from there (or use loop.createTask(...) on a loop you created)",
        assertThrows(IllegalStateException.class, Asyncio::currentTask).getMessage());
  }

  /** T5: at most one task is current: entering a task while another runs is an error. */
  @Test
  void enteringATaskWhileAnotherIsCurrentIsRejected() {
    Future<String> gate = loop.createFuture();
    Task<String> other = loop.createTask(awaitsFuture(gate));
    Task<String> t =
        loop.createTask(
            Coro.<String>start(
                    v -> {
                      other.wake(null);
                      return "unreachable";
                    })
                .handle((v, e) -> e.getMessage()));
    Loops.runIterations(loop, 1);
    assertEquals(
        "Cannot enter into task Task-1 while another task Task-2 is being executed.", t.result());
    gate.setResult("other");
    Loops.runIterations(loop, 1);
    assertEquals("other", other.result());
  }

  /** T6: allTasks() lists the loop's pending tasks, in creation order; done ones leave. */
  @Test
  void allTasksListsOnlyPendingTasks() {
    Future<String> gate = loop.createFuture();
    Task<String> waiting = loop.createTask(awaitsFuture(gate));
    Task<Integer> quick = loop.createTask(Coro.returning(1));
    List<Set<Task<?>>> seen = new ArrayList<>();
    loop.callSoon(() -> seen.add(Asyncio.allTasks()));
    Loops.runIterations(loop, 2);
    assertEquals(List.of(waiting), new ArrayList<>(seen.get(0)));
    assertTrue(quick.done());
    gate.setResult("x");
    loop.runUntilComplete(waiting);
    loop.callSoon(() -> seen.add(Asyncio.allTasks()));
    Loops.runIterations(loop, 1);
    assertEquals(Set.of(), seen.get(1));
  }

  /** T7: a task awaiting itself gets an error at the await. */
  @Test
  void taskAwaitingItselfFails() {
    Task<Object> t = loop.createTask(Coro.start(v -> awaiting(Asyncio.currentTask())));
    Loops.runIterations(loop, 1);
    IllegalStateException e = (IllegalStateException) t.exception();
    assertTrue(e.getMessage().startsWith("Task cannot await on itself: Task[pending name=Task-1"));
  }

  /** T7: awaiting a future of another loop is an error. */
  @Test
  void awaitingAFutureOfAnotherLoopFails() {
    EventLoop other = EventLoop.withVirtualTime();
    Future<String> foreign = other.createFuture();
    Task<String> t = loop.createTask(awaitsFuture(foreign));
    Loops.runIterations(loop, 1);
    assertEquals(
        "Task Task-1 got Future Future[pending] attached to a different loop",
        t.exception().getMessage());
    other.close();
  }

  /** T8: a coroutine can be wrapped or awaited once; a second time is an error that says so. */
  @Test
  void wrappingAnAlreadyUsedCoroutineIsRejected() {
    Coro<Integer> c = Coro.<Integer>returning(1).named("MyCoro");
    Task<Integer> t = loop.createTask(c);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.createTask(c));
    assertEquals(
        "coroutine MyCoro was already awaited or wrapped in a task (by Task-1); a coroutine can be"
            + " awaited once: call its entry point again for a new one",
        e.getMessage());
    Task<Object> awaitsIt = loop.createTask(Coro.start(v -> awaiting(c)));
    Loops.runIterations(loop, 1);
    assertEquals(1, t.result());
    assertTrue(awaitsIt.exception() instanceof IllegalStateException);
  }

  /** T9: a coroutine that returns a Future does not await it; the result is the future. */
  @Test
  void coroutineReturningAFutureDoesNotAwaitIt() {
    Future<String> f = loop.createFuture();
    Task<Future<String>> t = loop.createTask(Coro.returning(f));
    Loops.runIterations(loop, 1);
    assertSame(f, t.result());
    assertFalse(f.done());
  }

  /** T13 (port decision): the loop holds pending tasks strongly; they are not collected. */
  @Test
  void fireAndForgetTaskIsHeldByTheLoop() {
    WeakReference<Task<String>> ref = startForgottenTask();
    Loops.runIterations(loop, 1);
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Task<String> t = ref.get();
    assertNotNull(t, "a pending task must stay reachable through its loop");
    assertFalse(t.done());
  }

  private WeakReference<Task<String>> startForgottenTask() {
    Future<String> onlyTheTaskKnowsIt = loop.createFuture();
    return new WeakReference<>(loop.createTask(awaitsFuture(onlyTheTaskKnowsIt)));
  }

  /** T14: a failed task whose exception nobody retrieved is reported when collected. */
  @Test
  @Timeout(30)
  void taskExceptionNeverRetrievedIsReportedWhenCollected() {
    EventLoop real = new EventLoop();
    List<ExceptionContext> reports = new ArrayList<>();
    real.setExceptionHandler((l, ctx) -> reports.add(ctx));
    IOException boom = new IOException("lost");
    real.createTask(Coro.throwing(boom), "forgotten");
    Loops.runIterations(real, 1);
    for (int i = 0; i < 500 && reports.isEmpty(); i++) {
      System.gc();
      Loops.runFor(real, Duration.ofMillis(10));
    }
    real.close();
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Task exception was never retrieved", reports.get(0).message());
    assertSame(boom, reports.get(0).exception());
    assertEquals("Task forgotten", reports.get(0).source());
  }

  /** T14: cancel() after the task failed suppresses the report. */
  @Test
  void cancelAfterFailureSuppressesTheNeverRetrievedReport() {
    Task<Object> t = loop.createTask(Coro.throwing(new IOException()));
    Loops.runIterations(loop, 1);
    assertTrue(t.callbacks instanceof Future.Unretrieved);
    assertFalse(t.cancel());
    assertNull(t.callbacks);
  }

  /** T15: Task toString forms: pending, cancelling, cancelled, finished, waitFor. */
  @Test
  void toStringShowsStateNameCoroAndWaitFor() {
    Future<String> gate = loop.createFuture();
    Task<String> t = loop.createTask(awaitsFuture(gate).named("Gate"));
    assertEquals("Task[pending name=Task-1 coro=Gate]", t.toString());
    Loops.runIterations(loop, 1);
    assertEquals("Task[pending name=Task-1 coro=Gate waitFor=Future[pending cb=[Task-1.wakeup]]]",
        t.toString());
    t.cancel();
    assertEquals("Task[cancelling name=Task-1 coro=Gate waitFor=Future[cancelled]]", t.toString());
    Loops.runIterations(loop, 1);
    assertEquals("Task[cancelled name=Task-1 coro=Gate]", t.toString());
    Task<String> done = loop.createTask(Coro.returning("abc").named("Abc"), "named");
    Loops.runIterations(loop, 1);
    assertEquals("Task[finished name=named coro=Abc result=\"abc\"]", done.toString());
    Task<String> failed = loop.createTask(Coro.<String>throwing(new IOException("x")).named("F"));
    Loops.runIterations(loop, 1);
    assertEquals(
        "Task[finished name=Task-3 coro=F exception=java.io.IOException: x]", failed.toString());
    failed.exception();
  }

  /** T16: getCoro() returns the wrapped coroutine, before, during and after the run. */
  @Test
  void getCoroReturnsTheWrappedCoroutine() {
    Future<String> gate = loop.createFuture();
    Coro<String> inner = awaitsFuture(gate);
    Coro<String> outer = Coro.<String>start(v -> awaiting(inner));
    Task<String> t = loop.createTask(outer);
    assertSame(outer, t.getCoro());
    Loops.runIterations(loop, 1);
    assertSame(outer, t.getCoro(), "while suspended in an inline child");
    gate.setResult("x");
    Loops.runIterations(loop, 1);
    assertSame(outer, t.getCoro());
    assertEquals("x", t.result());
  }

  /** getStack() lists where the await chain is suspended, innermost first, skipping unknowns. */
  @Test
  void getStackListsSuspensionPointsInnermostFirst() {
    Future<String> gate = loop.createFuture();
    Coro<String> innermost = Coro.<String>start(v -> awaitingAt(gate, "innermost", 30));
    Coro<String> middle = Coro.<String>start(v -> awaiting(innermost)); // position unknown
    Coro<String> outer = Coro.<String>start(v -> awaitingAt(middle, "outer", 10));
    Task<String> t = loop.createTask(outer);
    Loops.runIterations(loop, 1);
    List<StackTraceElement> stack = t.getStack();
    assertEquals(2, stack.size());
    assertEquals("innermost", stack.get(0).getMethodName());
    assertEquals(30, stack.get(0).getLineNumber());
    assertEquals("outer", stack.get(1).getMethodName());
    gate.setResult("x");
    Loops.runIterations(loop, 1);
    assertEquals(List.of(), t.getStack());
  }

  // ---------------------------------------------------------------- cancellation

  /** C1: cancel() is a request: the task is not cancelled until it runs and lets it escape. */
  @Test
  void cancelIsOnlyARequest() {
    Task<Object> t = loop.createTask(Coro.start(v -> awaiting(Asyncio.sleep(Duration.ZERO))));
    Loops.runIterations(loop, 1);
    assertTrue(t.cancel());
    assertFalse(t.cancelled());
    assertTrue(t.toString().startsWith("Task[cancelling "));
    Loops.runIterations(loop, 1);
    assertTrue(t.cancelled());
  }

  /** C2: cancel() counts requests while pending, returns false once done; uncancel() decrements. */
  @Test
  void cancelCountsRequestsAndUncancelDecrements() {
    Future<String> gate = loop.createFuture();
    Task<String> t =
        loop.createTask(
            awaitsFuture(gate)
                .handle((v, e) -> "swallowed " + e.getClass().getSimpleName()));
    Loops.runIterations(loop, 1);
    assertTrue(t.cancel());
    assertTrue(t.cancel());
    assertEquals(2, t.cancelling());
    assertEquals(1, t.uncancel());
    assertEquals(0, t.uncancel());
    assertEquals(0, t.uncancel(), "never below 0");
    t.cancel();
    Loops.runBriefly(loop);
    assertEquals("swallowed CancelledException", t.result());
    assertFalse(t.cancel());
    assertEquals(1, t.cancelling());
    assertEquals(0, t.uncancel());
  }

  /** C3: cancelling a task that awaits a future cancels that future at once. */
  @Test
  void cancelWhileAwaitingCancelsTheAwaitedFutureAtOnce() {
    Future<String> gate = loop.createFuture();
    Task<String> t = loop.createTask(awaitsFuture(gate).handle(logsAndRethrows("task")));
    Loops.runIterations(loop, 1);
    t.cancel();
    assertTrue(gate.cancelled(), "the awaited future is cancelled right after cancel()");
    Loops.runBriefly(loop);
    assertEquals(List.of("task: CancelledException"), log);
    assertTrue(t.cancelled());
  }

  /** C4: cancelling the inner future (not the task) makes the task end cancelled. */
  @Test
  void cancellingTheInnerFutureCancelsTheTask() {
    Future<String> gate = loop.createFuture();
    Task<String> t = loop.createTask(awaitsFuture(gate));
    Loops.runIterations(loop, 1);
    gate.cancel();
    Loops.runBriefly(loop);
    assertTrue(t.cancelled());
  }

  /** C4: cancelling both the task and its inner future ends cancelled too. */
  @Test
  void cancellingBothTaskAndInnerFutureCancelsTheTask() {
    Future<String> gate = loop.createFuture();
    Task<String> t = loop.createTask(awaitsFuture(gate));
    Loops.runIterations(loop, 1);
    gate.cancel();
    t.cancel();
    Loops.runBriefly(loop);
    assertTrue(t.cancelled());
  }

  /** C5: cancel before the first step: the body never runs; the message is kept. */
  @Test
  void cancelBeforeFirstStepNeverRunsBody() {
    Task<Object> t =
        loop.createTask(
            Coro.start(
                v -> {
                  log.add("body ran");
                  return null;
                }));
    t.cancel("before start");
    Loops.runBriefly(loop);
    assertTrue(t.cancelled());
    assertEquals(List.of(), log);
    assertEquals(
        "before start", assertThrows(CancelledException.class, t::result).getMessage());
  }

  /** C6: cancelled while suspended in a bare yield: CancelledException when it resumes. */
  @Test
  void cancelDuringAYieldThrowsWhenTheTaskResumes() {
    Task<Object> t =
        loop.createTask(
            Coro.start(v -> awaiting(Asyncio.sleep(Duration.ZERO))).handle(logsAndRethrows("t")));
    Loops.runIterations(loop, 1);
    t.cancel();
    Loops.runIterations(loop, 1);
    assertEquals(List.of("t: CancelledException"), log);
    assertTrue(t.cancelled());
  }

  /** C7: a task that cancels itself gets CancelledException at its next await, without waiting. */
  @Test
  void selfCancelCancelsTheNextAwaitAtOnce() {
    Task<Object> t =
        loop.createTask(
            Coro.start(
                    v -> {
                      Asyncio.currentTask().cancel();
                      return awaiting(Asyncio.sleep(Duration.ofSeconds(100)));
                    })
                .handle(logsAndRethrows("t")));
    Loops.runBriefly(loop);
    assertTrue(t.cancelled());
    assertEquals(List.of("t: CancelledException"), log);
    assertEquals(0, loop.time(), "the sleep did not wait");
  }

  /** C7: the same with a future: the next await cancels it at once. */
  @Test
  void selfCancelCancelsTheAwaitedFutureAtOnce() {
    Future<String> gate = loop.createFuture();
    Task<String> t =
        loop.createTask(
            Coro.<String>start(
                v -> {
                  Asyncio.currentTask().cancel("self");
                  return awaiting(gate);
                }));
    Loops.runIterations(loop, 1);
    assertTrue(gate.cancelled());
    Loops.runIterations(loop, 1);
    assertEquals("self", assertThrows(CancelledException.class, t::result).getMessage());
  }

  /** C8: cancelling itself and returning without awaiting still ends cancelled. */
  @Test
  void selfCancelThenReturnStillEndsCancelled() {
    Task<String> t =
        loop.createTask(
            Coro.start(
                v -> {
                  Asyncio.currentTask().cancel("at end");
                  return "discarded";
                }));
    Loops.runIterations(loop, 1);
    assertTrue(t.cancelled());
    assertEquals("at end", assertThrows(CancelledException.class, t::result).getMessage());
  }

  /** C9: cancelling a task cancels the task it awaits, and each level sees CancelledException. */
  @Test
  void cancelTravelsDownTheAwaitChainOfTasks() {
    Future<String> gate = loop.createFuture();
    Task<String> inner = loop.createTask(awaitsFuture(gate).handle(logsAndRethrows("inner")));
    Task<String> outer =
        loop.createTask(Coro.<String>start(v -> awaiting(inner)).handle(logsAndRethrows("outer")));
    Loops.runIterations(loop, 1);
    outer.cancel("down");
    assertTrue(gate.cancelled());
    assertEquals(1, inner.cancelling());
    loop.runUntilComplete(Asyncio.sleep(Duration.ofSeconds(1)));
    assertEquals(List.of("inner: CancelledException", "outer: CancelledException"), log);
    assertTrue(inner.cancelled());
    assertTrue(outer.cancelled());
    assertEquals("down", assertThrows(CancelledException.class, outer::result).getMessage());
  }

  /** C9: cancellation reaches the innermost inline frame and unwinds through each. */
  @Test
  void cancelTravelsDownTheInlineAwaitChain() {
    Future<String> gate = loop.createFuture();
    Coro<String> child = awaitsFuture(gate).handle(logsAndRethrows("child"));
    Task<String> t =
        loop.createTask(Coro.<String>start(v -> awaiting(child)).handle(logsAndRethrows("parent")));
    Loops.runIterations(loop, 1);
    t.cancel();
    Loops.runBriefly(loop);
    assertEquals(List.of("child: CancelledException", "parent: CancelledException"), log);
    assertTrue(t.cancelled());
  }

  /** C9: a nested task awaited after the outer task cancelled itself is cancelled too. */
  @Test
  void taskAwaitedAfterSelfCancelIsCancelled() {
    Task<Object> sleeper =
        loop.createTask(
            Coro.start(v -> awaiting(Asyncio.sleep(Duration.ofHours(1))))
                .handle(logsAndRethrows("sleeper")));
    Task<Object> outer =
        loop.createTask(
            Coro.start(
                    v -> {
                      Asyncio.currentTask().cancel();
                      return awaiting(sleeper);
                    })
                .handle(logsAndRethrows("outer")));
    loop.runUntilComplete(Asyncio.sleep(Duration.ofSeconds(1)));
    assertTrue(sleeper.cancelled());
    assertTrue(outer.cancelled());
    assertEquals(List.of("sleeper: CancelledException", "outer: CancelledException"), log);
  }

  /** C10: a coroutine that catches the cancellation and returns finishes normally. */
  @Test
  void swallowedCancellationFinishesNormally() {
    Future<String> gate = loop.createFuture();
    Task<String> t =
        loop.createTask(
            awaitsFuture(gate).handle((v, e) -> e instanceof CancelledException ? "caught" : v));
    Loops.runIterations(loop, 1);
    t.cancel();
    Loops.runBriefly(loop);
    assertFalse(t.cancelled());
    assertEquals("caught", t.result());
  }

  /** C11: after swallowing, later awaits work and the cancellation is not delivered again. */
  @Test
  void awaitsAfterASwallowedCancellationWorkNormally() {
    Future<String> gate = loop.createFuture();
    Task<String> t =
        loop.createTask(
            awaitsFuture(gate)
                .handle((v, e) -> "ignored")
                .then(v -> awaiting(Asyncio.sleep(Duration.ofSeconds(5), "slept")))
                .then(v -> v + " at " + loop.time()));
    Loops.runIterations(loop, 1);
    t.cancel();
    assertEquals("slept at " + Duration.ofSeconds(5).toNanos(), loop.runUntilComplete(t));
  }

  /** C12: (3.13 semantics) uncancel() back to 0 before the task runs withdraws the cancel. */
  @Test
  void uncancelToZeroBeforeTheStepWithdrawsTheCancellation() {
    Task<String> t =
        loop.createTask(
            Coro.<String>start(v -> awaiting(Asyncio.sleep(Duration.ZERO))).then(v -> "normal"));
    Loops.runIterations(loop, 1);
    t.cancel();
    assertEquals(0, t.uncancel());
    Loops.runIterations(loop, 1);
    assertEquals("normal", t.result());
  }

  /** C13: the structured uncancel pattern (what timeout() builds on) turns a cancel into a timeout. */
  @Test
  void structuredUncancelPatternTurnsTheCancelIntoATimeout() {
    Task<String> t =
        loop.createTask(
            Coro.<String>start(
                    v -> {
                      Task<?> self = Asyncio.currentTask();
                      loop.callLater(Duration.ofSeconds(1), () -> self.cancel());
                      return awaiting(Asyncio.sleep(Duration.ofHours(1)));
                    })
                .handle(
                    (v, e) -> {
                      if (Asyncio.currentTask().uncancel() == 0 && e instanceof CancelledException) {
                        throw new AsyncTimeoutException("timed out", e);
                      }
                      return rethrow(e, v);
                    })
                .handle(
                    (v, e) -> {
                      log.add("caught " + e.getClass().getSimpleName());
                      return awaiting(Asyncio.sleep(Duration.ofSeconds(1), "carried on"));
                    }));
    assertEquals("carried on", loop.runUntilComplete(t));
    assertEquals(List.of("caught AsyncTimeoutException"), log);
    assertEquals(0, t.cancelling());
    assertEquals(Duration.ofSeconds(2).toNanos(), loop.time());
  }

  /** C14: the cancel message reaches the await, result() and exception(). */
  @Test
  void cancelMessageReachesTheAwaitResultAndException() {
    Future<String> gate = loop.createFuture();
    Task<String> t =
        loop.createTask(
            awaitsFuture(gate)
                .handle(
                    (v, e) -> {
                      log.add("await saw " + e.getMessage());
                      return rethrow(e, v);
                    }));
    Loops.runIterations(loop, 1);
    t.cancel("the message");
    Loops.runBriefly(loop);
    assertEquals(List.of("await saw the message"), log);
    assertEquals("the message", assertThrows(CancelledException.class, t::result).getMessage());
    assertEquals("the message", assertThrows(CancelledException.class, t::exception).getMessage());
  }

  /** C15: raising another exception while handling the cancellation fails the task. */
  @Test
  void otherExceptionWhileHandlingTheCancellationFailsTheTask() {
    Future<String> gate = loop.createFuture();
    Task<String> t =
        loop.createTask(
            awaitsFuture(gate)
                .handle(
                    (v, e) -> {
                      throw new IllegalStateException("cleanup failed", e);
                    }));
    Loops.runIterations(loop, 1);
    t.cancel("msg");
    Loops.runBriefly(loop);
    assertFalse(t.cancelled());
    Throwable e = t.exception();
    assertEquals("cleanup failed", e.getMessage());
    assertTrue(e.getCause() instanceof CancelledException);
    assertEquals("msg", e.getCause().getMessage());
  }

  /** Cancelling a sleeping task ends the sleep at once (L9) and its timer never fires. */
  @Test
  void cancellingASleepingTaskCancelsItsTimer() {
    Task<Object> t =
        loop.createTask(
            Coro.start(v -> awaiting(Asyncio.sleep(Duration.ofHours(1))))
                .handle(logsAndRethrows("t")));
    Loops.runIterations(loop, 1);
    t.cancel("wake up");
    Loops.runBriefly(loop);
    assertTrue(t.cancelled());
    assertEquals("wake up", assertThrows(CancelledException.class, t::result).getMessage());
    assertEquals(List.of("t: CancelledException"), log);
    Loops.runFor(loop, Duration.ofHours(2));
    assertEquals(List.of("t: CancelledException"), log);
  }

  /** A cancel that arrives after the sleep fired, before the step ran, is still delivered. */
  @Test
  void cancelAfterTheSleepFiredIsDeliveredAtTheStep() {
    Task<Object> t =
        loop.createTask(
            Coro.start(v -> awaiting(Asyncio.sleep(Duration.ofSeconds(1)))).then(v -> "slept"));
    Loops.runIterations(loop, 1);
    Loops.advance(loop, Duration.ofSeconds(1));
    loop.callSoon(() -> t.cancel("late"));
    Loops.runIterations(loop, 1); // runs the cancel, then the due timer queues the step
    Loops.runIterations(loop, 1);
    assertEquals("late", assertThrows(CancelledException.class, t::result).getMessage());
  }

  /** A sleep awaited with a cancellation already pending is cancelled at once. */
  @Test
  void sleepAwaitedWithACancelPendingEndsAtOnce() {
    Task<Object> t =
        loop.createTask(
            Coro.start(
                v -> {
                  Asyncio.currentTask().cancel("now");
                  return awaiting(Asyncio.sleep(Duration.ofDays(1)));
                }));
    Loops.runBriefly(loop);
    assertEquals("now", assertThrows(CancelledException.class, t::result).getMessage());
    assertEquals(0, loop.time());
  }
}
