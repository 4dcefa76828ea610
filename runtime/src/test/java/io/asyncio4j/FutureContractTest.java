package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The observable {@link Future} contract, run against a plain future ({@link
 * PlainFutureContractTest}) and a task ({@link TaskFutureContractTest}). Subclasses say how to
 * make a pending one and how to complete it; {@link #settle()} lets a task's step run.
 */
abstract class FutureContractTest {
  final EventLoop loop = EventLoop.withVirtualTime();
  final List<String> log = new ArrayList<>();

  /** A pending future (for a task: one whose coroutine waits for the test to complete it). */
  abstract Future<String> newPending();

  abstract void complete(Future<String> f, String value);

  abstract void fail(Future<String> f, Throwable error);

  /** Lets the future reach its new state (a task needs its step to run). */
  void settle() {
    Loops.runBriefly(loop);
  }

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  Consumer<Future<String>> logs(String name) {
    return f -> log.add(name + ":" + (f.cancelled() ? "cancelled" : f.result()));
  }

  /** F1: a new future is pending and bound to the loop it was created on. */
  @Test
  void newFutureIsPending() {
    Future<String> f = newPending();
    assertFalse(f.done());
    assertFalse(f.cancelled());
    assertSame(loop, f.getLoop());
  }

  /** F2: result() and exception() of a pending future throw InvalidStateException. */
  @Test
  void pendingResultAndExceptionThrowInvalidState() {
    Future<String> f = newPending();
    assertEquals(
        "Result is not set. "
            + f
            + " is still pending; await it (await(f) in an @Async method) or add a done callback"
            + " instead of calling result() before done()",
        assertThrows(InvalidStateException.class, f::result).getMessage());
    assertEquals(
        "Exception is not set. "
            + f
            + " is still pending; await it (await(f) in an @Async method) or add a done callback"
            + " instead of calling exception() before done()",
        assertThrows(InvalidStateException.class, f::exception).getMessage());
  }

  /** F3: after a result, result() is it and exception() is null; cancel() returns false. */
  @Test
  void finishedFutureKeepsItsResult() {
    Future<String> f = newPending();
    complete(f, "v");
    settle();
    assertTrue(f.done());
    assertEquals("v", f.result());
    assertNull(f.exception());
    assertFalse(f.cancel());
    assertFalse(f.cancelled());
    assertEquals("v", f.result());
  }

  /** F3: after an exception, result() throws it (as is, even checked) and exception() returns it. */
  @Test
  void failedFutureKeepsItsException() {
    Future<String> f = newPending();
    IOException boom = new IOException("boom");
    fail(f, boom);
    settle();
    assertTrue(f.done());
    assertSame(boom, assertThrows(IOException.class, f::result));
    assertSame(boom, f.exception());
    assertFalse(f.cancel());
    assertSame(boom, f.exception());
  }

  /** F3: a done future cannot be completed again. */
  @Test
  void doneFutureCannotBeCompletedAgain() {
    Future<String> f = newPending();
    complete(f, "v");
    settle();
    assertThrows(RuntimeException.class, () -> f.setResult("w"));
    assertThrows(RuntimeException.class, () -> f.setException(new IOException()));
    assertEquals("v", f.result());
  }

  /** F5: cancel() on a pending future returns true; then it is cancelled and done. */
  @Test
  void cancelledFutureThrowsCancelledException() {
    Future<String> f = newPending();
    assertTrue(f.cancel());
    settle();
    assertTrue(f.cancelled());
    assertTrue(f.done());
    assertThrows(CancelledException.class, f::result);
    assertThrows(CancelledException.class, f::exception);
    assertFalse(f.cancel());
  }

  /** F6/C14: the cancel message reaches result() and exception(); no message means null. */
  @Test
  void cancelMessageIsKept() {
    Future<String> f = newPending();
    f.cancel("my message");
    settle();
    assertEquals("my message", assertThrows(CancelledException.class, f::result).getMessage());
    assertEquals("my message", assertThrows(CancelledException.class, f::exception).getMessage());
    Future<String> g = newPending();
    g.cancel();
    settle();
    assertNull(assertThrows(CancelledException.class, g::result).getMessage());
  }

  /** F7: done callbacks are scheduled with callSoon, in registration order, with the future. */
  @Test
  void doneCallbacksAreScheduledInRegistrationOrder() {
    Future<String> f = newPending();
    f.addDoneCallback(logs("a"));
    f.addDoneCallback(logs("b"));
    f.addDoneCallback(
        g -> {
          assertSame(f, g);
          log.add("c");
        });
    complete(f, "v");
    settle();
    assertEquals(List.of("a:v", "b:v", "c"), log);
  }

  /** F7: completing does not run the callbacks inline. */
  @Test
  void doneCallbacksAreNotCalledInline() {
    Future<String> f = newPending();
    f.addDoneCallback(logs("a"));
    f.cancel();
    assertEquals(List.of(), log);
    settle();
    assertEquals(List.of("a:cancelled"), log);
  }

  /** F8: a callback added to a done future is scheduled, not run inline. */
  @Test
  void callbackAddedToADoneFutureIsScheduled() {
    Future<String> f = newPending();
    complete(f, "v");
    settle();
    f.addDoneCallback(logs("late"));
    assertEquals(List.of(), log);
    Loops.runIterations(loop, 1);
    assertEquals(List.of("late:v"), log);
  }

  /** F10: removeDoneCallback removes every registration and says how many. */
  @Test
  void removeDoneCallbackRemovesEveryRegistration() {
    Future<String> f = newPending();
    Consumer<Future<String>> a = logs("a");
    f.addDoneCallback(a);
    f.addDoneCallback(logs("b"));
    f.addDoneCallback(a);
    assertEquals(2, f.removeDoneCallback(a));
    assertEquals(0, f.removeDoneCallback(a));
    complete(f, "v");
    settle();
    assertEquals(List.of("b:v"), log);
  }

  /** F10: a callback that removes others after completion does not disturb the scheduled ones. */
  @Test
  void removingCallbacksWhileTheyRunIsHarmless() {
    Future<String> f = newPending();
    Consumer<Future<String>> b = logs("b");
    f.addDoneCallback(g -> log.add("removed " + g.removeDoneCallback(b)));
    f.addDoneCallback(b);
    complete(f, "v");
    settle();
    assertEquals(List.of("removed 0", "b:v"), log);
  }
}
