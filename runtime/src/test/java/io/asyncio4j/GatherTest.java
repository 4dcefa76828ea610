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

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatherTest {
  private final EventLoop loop = newLoop();

  @Test
  void resultsComeBackInArgumentOrderAndTheCallbackRunsOnce() {
    // G1
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = loop.createFuture();
    Future<Integer> c = loop.createFuture();
    Future<List<Integer>> g = Asyncio.gather(a, b, c);
    AtomicInteger calls = new AtomicInteger();
    g.addDoneCallback(f -> calls.incrementAndGet());
    b.setResult(1);
    a.setResult(2);
    runBriefly(loop);
    assertFalse(g.done());
    c.setResult(3);
    runBriefly(loop);
    assertEquals(List.of(2, 1, 3), g.result());
    runBriefly(loop);
    assertEquals(1, calls.get());
  }

  @Test
  void coroutinesRunConcurrentlyAsTasks() {
    // G1
    List<Object> r =
        Toolkit.complete(
            loop,
            loop.createTask(
                co(
                    v ->
                        Asyncio.gather(
                            Asyncio.sleep(ms(30), "a"),
                            Asyncio.sleep(ms(10), "b"),
                            Asyncio.sleep(ms(20), "c")))));
    assertEquals(List.of("a", "b", "c"), r);
    assertEquals(30, Toolkit.nowMs(loop));
  }

  @Test
  void firstExceptionFailsTheGatherAtOnceAndSiblingsKeepRunning() {
    // G2
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = loop.createFuture();
    Future<List<Integer>> g = Asyncio.gather(a, b);
    IllegalStateException boom = new IllegalStateException("boom");
    a.setException(boom);
    runBriefly(loop);
    assertTrue(g.done());
    assertSame(boom, g.exception());
    assertFalse(b.done());
    assertFalse(b.cancelled());
    b.setException(new IllegalArgumentException("ignored"));
    runBriefly(loop);
    assertSame(boom, g.exception());
  }

  @Test
  void returnExceptionsPutsFailuresInTheListAndWaitsForAll() {
    // G3
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = loop.createFuture();
    Future<List<Object>> g = Asyncio.gather(true, a, b);
    IllegalStateException boom = new IllegalStateException("boom");
    a.setException(boom);
    runBriefly(loop);
    assertFalse(g.done());
    b.setResult(2);
    runBriefly(loop);
    assertEquals(List.of(boom, 2), g.result());
  }

  @Test
  void cancelledChildFailsTheGatherWithoutCancellingIt() {
    // G4
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = loop.createFuture();
    Future<List<Integer>> g = Asyncio.gather(a, b);
    a.cancel("child");
    runBriefly(loop);
    assertTrue(g.done());
    assertFalse(g.cancelled());
    CancelledException e = assertInstanceOf(CancelledException.class, g.exception());
    assertEquals("child", e.getMessage());
    assertFalse(b.done());
  }

  @Test
  void returnExceptionsListsACancelledChildAsCancelledException() {
    // G5
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = loop.createFuture();
    Future<List<Object>> g = Asyncio.gather(true, a, b);
    a.cancel("why");
    b.setResult(1);
    runBriefly(loop);
    List<Object> r = g.result();
    assertEquals("why", assertInstanceOf(CancelledException.class, r.get(0)).getMessage());
    assertEquals(1, r.get(1));
  }

  @Test
  void cancellingTheGatherCancelsEveryUnfinishedChild() {
    // G6
    List<Object> log = Toolkit.log();
    Task<Object> t1 =
        loop.createTask(
            co(v -> Asyncio.sleep(ms(100)))
                .onError(
                    e -> {
                      log.add("t1 " + e.getClass().getSimpleName());
                      throw e;
                    }));
    Future<Integer> done = loop.createFuture();
    done.setResult(5);
    Task<Object> waiter = loop.createTask(co(v -> Asyncio.gather(t1, done)));
    runBriefly(loop);
    waiter.cancel();
    assertThrows(CancelledException.class, () -> Toolkit.complete(loop, waiter));
    assertTrue(t1.cancelled());
    assertEquals(List.of("t1 CancelledException"), log);
    Future<List<Object>> g = Asyncio.gather(true, done);
    runBriefly(loop);
    assertTrue(g.done());
    assertFalse(g.cancel());
  }

  @Test
  void cancellingTheGatherPropagatesTheMessageEvenWithReturnExceptions() {
    // G7: bpo-32684
    Future<Integer> a = loop.createFuture();
    Future<List<Object>> g = Asyncio.gather(true, a);
    assertTrue(g.cancel("stop"));
    runBriefly(loop);
    assertTrue(a.cancelled());
    CancelledException e = assertInstanceOf(CancelledException.class, g.exception());
    assertEquals("stop", e.getMessage());
  }

  @Test
  void cancelAfterEveryChildFinishedKeepsTheResult() {
    // G8
    Future<Integer> a = loop.createFuture();
    Future<List<Integer>> g = Asyncio.gather(a);
    a.setResult(1);
    assertFalse(g.cancel()); // a is done: nothing to cancel, although g is not notified yet
    runBriefly(loop);
    assertEquals(List.of(1), g.result());
  }

  @Test
  void emptyGatherIsDoneAndDuplicatesRunOnce() {
    // G9
    AtomicInteger runs = new AtomicInteger();
    Object r =
        loop.runUntilComplete(
            co(
                v -> {
                  Future<List<Object>> e = Asyncio.gather();
                  assertTrue(e.done());
                  assertEquals(List.of(), e.result());
                  Coroutine<Object> once = co(x -> runs.incrementAndGet());
                  return Asyncio.gather(once, once, once);
                }));
    assertEquals(List.of(1, 1, 1), r);
    assertEquals(1, runs.get());
  }

  @Test
  void futuresOfDifferentLoopsAreRejected() {
    // G10
    EventLoop other = newLoop();
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = other.createFuture();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Asyncio.gather(a, b));
    assertTrue(e.getMessage().endsWith("(expected: futures of one event loop)"), e.getMessage());
    assertSame(loop, Asyncio.gather(a).getLoop());
  }

  @Test
  void repeatedPendingAndDoneFuturesAreListenedToOnceAndKeepTheirPositions() {
    // G9, for futures: repeats found without hashing (pending) and by identity (done)
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = loop.createFuture();
    Future<Integer> d1 = loop.createFuture();
    Future<Integer> d2 = loop.createFuture();
    d1.setResult(10);
    d2.setResult(20);
    Future<List<Integer>> g = Asyncio.gather(a, d1, b, a, d2, d1, b, d2, a);
    assertTrue(a.hasListener(listenerOf(g)));
    assertEquals(1, callbackCount(a));
    assertEquals(1, callbackCount(b));
    b.setResult(2);
    runBriefly(loop);
    assertFalse(g.done());
    a.setResult(1);
    runBriefly(loop);
    assertEquals(List.of(1, 10, 2, 1, 20, 10, 2, 20, 1), g.result());
  }

  @Test
  void aBadArgumentLeavesNoListenerOnTheEarlierChildren() {
    // G10: the check happens before any child is listened to
    EventLoop other = newLoop();
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = other.createFuture();
    assertThrows(IllegalArgumentException.class, () -> Asyncio.gather(a, a, b));
    assertEquals(0, callbackCount(a));
  }

  private static Object listenerOf(Future<?> gather) {
    try {
      java.lang.reflect.Field f = Gather.class.getDeclaredField("listener");
      f.setAccessible(true);
      return f.get(gather);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static int callbackCount(Future<?> f) {
    Object c = f.callbacks;
    return c == null ? 0 : c instanceof Future.CallbackList ? ((Future.CallbackList) c).size : 1;
  }
}
