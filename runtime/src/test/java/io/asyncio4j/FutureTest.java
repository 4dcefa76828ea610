package io.asyncio4j;

import static io.asyncio4j.Coro.awaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FutureTest {
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = new ArrayList<>();
  private final List<ExceptionContext> reported = new ArrayList<>();

  {
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
  }

  @AfterEach
  void closeLoop() {
    if (!loop.isClosed()) {
      loop.close();
    }
  }

  /** F3: a second completion throws InvalidStateException("invalid state"). */
  @Test
  void secondCompletionThrowsInvalidState() {
    Future<String> f = loop.createFuture();
    f.setResult("a");
    assertEquals(
        "invalid state",
        assertThrows(InvalidStateException.class, () -> f.setResult("b")).getMessage());
    assertEquals(
        "invalid state",
        assertThrows(InvalidStateException.class, () -> f.setException(new IOException()))
            .getMessage());
    Future<String> g = loop.createFuture();
    g.cancel();
    assertThrows(InvalidStateException.class, () -> g.setResult("b"));
  }

  /** F5: cancel() makes a plain future cancelled at once. */
  @Test
  void cancelPendingFutureIsImmediate() {
    Future<String> f = loop.createFuture();
    assertTrue(f.cancel());
    assertTrue(f.cancelled());
    assertTrue(f.done());
    assertFalse(f.cancel());
  }

  @Test
  void setExceptionRejectsNull() {
    Future<String> f = loop.createFuture();
    assertEquals(
        "exception",
        assertThrows(NullPointerException.class, () -> f.setException(null)).getMessage());
  }

  /** F9: callbacks are queued when the future completes, so they sit FIFO among callSoon work. */
  @Test
  void doneCallbacksQueueAtCompletionAmongOtherWork() {
    Future<String> f = loop.createFuture();
    f.addDoneCallback(g -> log.add("done-cb"));
    loop.callSoon(() -> log.add("soon1"));
    f.setResult("x");
    loop.callSoon(() -> log.add("soon2"));
    Loops.runIterations(loop, 1);
    assertEquals(List.of("soon1", "done-cb", "soon2"), log);
  }

  /** L10/F7: an exception from a done callback goes to the handler; later callbacks still run. */
  @Test
  void doneCallbackExceptionGoesToTheHandler() {
    Future<String> f = loop.createFuture();
    IllegalStateException boom = new IllegalStateException("cb");
    f.addDoneCallback(
        g -> {
          throw boom;
        });
    f.addDoneCallback(g -> log.add("second"));
    f.setResult("x");
    Loops.runIterations(loop, 1);
    assertEquals(List.of("second"), log);
    assertEquals(1, reported.size());
    assertSame(boom, reported.get(0).exception());
    assertTrue(reported.get(0).message().startsWith("Exception in callback "));
  }

  /** F12: awaiting a done future continues at once, without yielding to the loop. */
  @Test
  void awaitingADoneFutureDoesNotSuspend() {
    Future<String> f = loop.createFuture();
    f.setResult("ready");
    Task<String> t =
        loop.createTask(
            Coro.<String>start(v -> awaiting(f)).then(v -> v + "/" + loop.time()));
    loop.callSoon(() -> log.add("other callback"));
    Loops.runIterations(loop, 1);
    assertTrue(t.done(), "finished in its first step");
    assertEquals("ready/0", t.result());
    assertEquals(List.of("other callback"), log);
  }

  /** F12: awaiting a pending future suspends exactly once. */
  @Test
  void awaitingAPendingFutureSuspendsOnce() {
    Future<String> f = loop.createFuture();
    Task<String> t = loop.createTask(Coro.<String>start(v -> awaiting(f)).then(v -> "got " + v));
    Loops.runIterations(loop, 1);
    assertFalse(t.done());
    f.setResult("x");
    Loops.runIterations(loop, 1); // the task's wake-up step runs and finishes
    assertTrue(t.done());
    assertEquals("got x", t.result());
  }

  /** F11: an exception nobody retrieved is reported when the failed future is collected. */
  @Test
  @Timeout(30)
  void unretrievedExceptionIsReportedWhenTheFutureIsCollected() {
    EventLoop real = new EventLoop();
    List<ExceptionContext> reports = new ArrayList<>();
    real.setExceptionHandler((l, ctx) -> reports.add(ctx));
    IOException unretrieved = new IOException("nobody looked");
    failAndDrop(real, unretrieved, false);
    failAndDrop(real, new IOException("retrieved"), true);
    completeAndDrop(real);
    for (int i = 0; i < 500 && reports.isEmpty(); i++) {
      System.gc();
      Loops.runFor(real, Duration.ofMillis(10));
    }
    Loops.runFor(real, Duration.ofMillis(50));
    real.close();
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Future exception was never retrieved", reports.get(0).message());
    assertSame(unretrieved, reports.get(0).exception());
  }

  private static void failAndDrop(EventLoop loop, Throwable error, boolean retrieve) {
    Future<String> f = loop.createFuture();
    f.setException(error);
    if (retrieve) {
      f.exception();
    }
  }

  private static void completeAndDrop(EventLoop loop) {
    Future<String> f = loop.createFuture();
    f.setResult("fine");
  }

  /** F11: retrieving the exception, or cancel() after the failure, disarms the report. */
  @Test
  void retrievingOrCancellingDisarmsTheUnretrievedReport() {
    Future<String> viaResult = loop.createFuture();
    viaResult.setException(new IOException());
    assertTrue(viaResult.callbacks instanceof Future.Unretrieved);
    assertThrows(IOException.class, viaResult::result);
    assertEquals(null, viaResult.callbacks);

    Future<String> viaCancel = loop.createFuture();
    viaCancel.setException(new IOException());
    viaCancel.cancel();
    assertEquals(null, viaCancel.callbacks);

    Future<String> succeeded = loop.createFuture();
    succeeded.setResult("x");
    assertEquals(null, succeeded.callbacks, "no tracking cost for success");
  }

  /** F13: toCompletableFuture completes with the result. */
  @Test
  void toCompletableFutureCompletesWithTheResult() throws Exception {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    assertFalse(cf.isDone());
    f.setResult("x");
    Loops.runIterations(loop, 1);
    assertEquals("x", cf.get(0, TimeUnit.SECONDS));
  }

  /** F13: toCompletableFuture of a failed or cancelled future completes exceptionally. */
  @Test
  void toCompletableFutureCarriesExceptionAndCancellation() {
    Future<String> failed = loop.createFuture();
    IOException boom = new IOException("boom");
    failed.setException(boom);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> failed.toCompletableFuture().get());
    assertSame(boom, e.getCause());

    Future<String> cancelled = loop.createFuture();
    cancelled.cancel("stop");
    CompletableFuture<String> cf = cancelled.toCompletableFuture();
    assertTrue(cf.isCancelled());
  }

  /** F13: cancelling the CompletableFuture cancels the loop future. */
  @Test
  void cancellingTheCompletableFutureCancelsTheSource() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    assertTrue(cf.cancel(false));
    Loops.runIterations(loop, 1);
    assertTrue(f.cancelled());
  }

  /** F13: awaiting a CompletionStage completed on another thread resumes the task (real time). */
  @Test
  @Timeout(10)
  void awaitingACompletionStageCompletedOnAnotherThread() {
    EventLoop real = new EventLoop();
    CompletableFuture<String> cf = new CompletableFuture<>();
    Task<String> t =
        real.createTask(Coro.<String>start(v -> awaiting(cf)).then(v -> "got " + v));
    real.callSoon(() -> new Thread(() -> cf.complete("x")).start());
    assertEquals("got x", real.runUntilComplete(t));
    real.close();
  }

  /** F13: a CompletionException from a stage is unwrapped; a done stage does not suspend. */
  @Test
  void completionExceptionIsUnwrapped() {
    IOException boom = new IOException("boom");
    CompletableFuture<String> failed = new CompletableFuture<>();
    failed.completeExceptionally(new CompletionException(boom));
    Task<String> t = loop.createTask(Coro.<String>start(v -> awaiting(failed)));
    Loops.runIterations(loop, 1);
    assertSame(boom, t.exception());

    CompletableFuture<String> pending = new CompletableFuture<>();
    Task<String> u = loop.createTask(Coro.<String>start(v -> awaiting(pending.thenApply(s -> {
      throw new IllegalStateException("in stage");
    }))));
    Loops.runIterations(loop, 1);
    pending.complete("x");
    Loops.runBriefly(loop);
    assertEquals("in stage", u.exception().getMessage());
    assertTrue(u.exception() instanceof IllegalStateException);
  }

  /** F13: cancelling the task that awaits a stage cancels the stage. */
  @Test
  void cancellingTheAwaitingTaskCancelsTheStage() {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Task<String> t = loop.createTask(Coro.<String>start(v -> awaiting(cf)));
    Loops.runIterations(loop, 1);
    t.cancel();
    assertTrue(cf.isCancelled());
    Loops.runBriefly(loop);
    assertTrue(t.cancelled());
  }

  /** F13: a stage that was cancelled on its own surfaces as a CancellationException. */
  @Test
  void stageCancelledElsewhereFailsTheAwait() {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Task<String> t = loop.createTask(Coro.<String>start(v -> awaiting(cf)));
    Loops.runIterations(loop, 1);
    cf.cancel(false);
    Loops.runBriefly(loop);
    assertTrue(t.exception() instanceof CancellationException);
    assertFalse(t.cancelled());
  }

  /** T15: Future toString forms. */
  @Test
  void toStringShowsTheState() {
    Future<Integer> f = loop.createFuture();
    assertEquals("Future[pending]", f.toString());
    Task<Integer> waiter = loop.createTask(Coro.<Integer>start(v -> awaiting(f)));
    Loops.runIterations(loop, 1);
    assertEquals("Future[pending cb=[Task-1.wakeup]]", f.toString());
    f.setResult(4);
    assertEquals("Future[finished result=4]", f.toString());
    Future<String> s = loop.createFuture();
    s.setResult("abc");
    assertEquals("Future[finished result=\"abc\"]", s.toString());
    Future<String> e = loop.createFuture();
    e.setException(new RuntimeException("boom"));
    assertEquals("Future[finished exception=java.lang.RuntimeException: boom]", e.toString());
    e.exception();
    Future<String> c = loop.createFuture();
    c.cancel();
    assertEquals("Future[cancelled]", c.toString());
    Loops.runBriefly(loop);
    assertEquals(4, waiter.result());
  }
}
