package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.ms;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitTest {
  private final EventLoop loop = newLoop();

  private Task<Object> after(long ms, Object result) {
    return loop.createTask(co(v -> Asyncio.sleep(ms(ms), result)));
  }

  private Task<Object> failAfter(long ms, RuntimeException e) {
    return loop.createTask(
        co(
            v -> Asyncio.sleep(ms(ms)),
            v -> {
              throw e;
            }));
  }

  @SuppressWarnings("unchecked")
  private WaitResult<Object> run(Script.Step step) {
    return (WaitResult<Object>) loop.runUntilComplete(co(step));
  }

  @Test
  void allCompletedWaitsForEverythingIncludingFailures() {
    // W1
    Task<Object> a = after(10, "a");
    Task<Object> b = failAfter(20, new IllegalStateException("b"));
    WaitResult<Object> r = run(v -> Asyncio.wait(List.of(a, b)));
    assertEquals(Set.of(a, b), r.done());
    assertEquals(Set.of(), r.pending());
    assertEquals(20, Toolkit.nowMs(loop));
  }

  @Test
  void firstCompletedReturnsAfterTheFirstCompletionWithSameIterationOnes() {
    // W2
    Task<Object> a = after(10, "a");
    Task<Object> b = after(10, "b");
    Task<Object> c = after(30, "c");
    WaitResult<Object> r = run(v -> Asyncio.wait(List.of(a, b, c), ReturnWhen.FIRST_COMPLETED));
    assertEquals(List.of(a, b), List.copyOf(r.done()));
    assertEquals(Set.of(c), r.pending());
    assertEquals(10, Toolkit.nowMs(loop));
  }

  @Test
  void firstExceptionReturnsAtTheFirstFailure() {
    // W2
    Task<Object> a = after(10, "a");
    Task<Object> b = failAfter(20, new IllegalStateException("b"));
    Task<Object> c = after(30, "c");
    WaitResult<Object> r = run(v -> Asyncio.wait(List.of(a, b, c), ReturnWhen.FIRST_EXCEPTION));
    assertEquals(List.of(a, b), List.copyOf(r.done()));
    assertEquals(Set.of(c), r.pending());
    assertEquals(20, Toolkit.nowMs(loop));
  }

  @Test
  void firstExceptionReturnsAtOnceWhenOneHasAlreadyFailed() {
    // W2: test_wait_first_exception_in_wait
    Future<Object> failed = loop.createFuture();
    failed.setException(new IllegalStateException("x"));
    Task<Object> slow = after(100, "slow");
    WaitResult<Object> r =
        run(v -> Asyncio.wait(List.of(slow, failed), ReturnWhen.FIRST_EXCEPTION));
    assertEquals(Set.of(failed), r.done());
    assertEquals(0, Toolkit.nowMs(loop));
  }

  @Test
  void firstExceptionWithoutFailuresBehavesLikeAllCompleted() {
    // W2
    Task<Object> a = after(10, "a");
    Task<Object> b = after(20, "b");
    WaitResult<Object> r = run(v -> Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION));
    assertEquals(Set.of(a, b), r.done());
    assertEquals(20, Toolkit.nowMs(loop));
  }

  @Test
  void timeoutReturnsThePendingOnesWithoutRaisingOrCancelling() {
    // W3
    Task<Object> a = after(10, "a");
    Task<Object> b = after(100, "b");
    WaitResult<Object> r = run(v -> Asyncio.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED, ms(50)));
    assertEquals(Set.of(a), r.done());
    assertEquals(Set.of(b), r.pending());
    assertEquals(50, Toolkit.nowMs(loop));
    assertFalse(b.cancelled());
    assertEquals("b", Toolkit.complete(loop, b));
  }

  @Test
  void cancellingTheWaiterLeavesTheFuturesRunning() {
    // W4
    Task<Object> a = after(100, "a");
    Task<Object> w = loop.createTask(co(v -> Asyncio.wait(List.of(a))));
    runBriefly(loop);
    w.cancel();
    assertThrows(CancelledException.class, () -> Toolkit.complete(loop, w));
    assertFalse(a.done());
    assertEquals("a", Toolkit.complete(loop, a));
  }

  @Test
  void emptyInputIsRejected() {
    // W5
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<Object>>of()));
    assertEquals("fs: [] (expected: at least one future)", e.getMessage());
  }

  @Test
  void anyCollectionIsAcceptedAndDuplicatesCollapse() {
    // W6
    Task<Object> a = after(10, "a");
    ArrayDeque<Task<Object>> deque = new ArrayDeque<>(List.of(a, a, a));
    WaitResult<Object> r = run(v -> Asyncio.wait(deque));
    assertEquals(1, r.done().size());
    assertTrue(r.done().contains(a));
  }
}
