package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.ms;
import static io.asyncio4j.Toolkit.newLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsCompletedTest {
  private final EventLoop loop = newLoop();

  /** Awaits every coroutine in {@code order}, logging results and exception class names. */
  private static Script<Object> awaitAll(List<Coroutine<Object>> cs, List<Object> log) {
    Script.Step[] logged = new Script.Step[2 * cs.size()];
    for (int i = 0; i < cs.size(); i++) {
      Coroutine<Object> c = cs.get(i);
      logged[2 * i] = v -> co(x -> c).onError(e -> e.getClass().getSimpleName());
      logged[2 * i + 1] = v -> log.add(v);
    }
    return Script.of(logged);
  }

  @Test
  void kthAwaitedYieldsTheKthCompletion() {
    // AC1
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(
        co(
            v -> {
              List<Coroutine<Object>> cs =
                  Asyncio.asCompleted(
                      List.of(
                          Asyncio.sleep(ms(30), "slow"),
                          Asyncio.sleep(ms(10), "fast"),
                          Asyncio.sleep(ms(20), "mid")));
              return awaitAll(cs, log);
            }));
    assertEquals(List.of("fast", "mid", "slow"), log);
  }

  @Test
  void awaitingInReverseStillYieldsCompletionOrder() {
    // AC1: test_as_completed_reverse_wait
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(
        co(
            v -> {
              List<Coroutine<Object>> cs =
                  new ArrayList<>(
                      Asyncio.asCompleted(
                          List.of(Asyncio.sleep(ms(20), "b"), Asyncio.sleep(ms(10), "a"))));
              java.util.Collections.reverse(cs);
              return awaitAll(cs, log);
            }));
    assertEquals(List.of("a", "b"), log);
  }

  @Test
  void outstandingAwaitablesRaiseTimeoutAtExpiry() {
    // AC2
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(
        co(
            v -> {
              List<Coroutine<Object>> cs =
                  Asyncio.asCompleted(
                      List.of(Asyncio.sleep(ms(10), "a"), Asyncio.sleep(ms(100), "b")), ms(50));
              return awaitAll(cs, log);
            }));
    assertEquals(List.of("a", "AsyncTimeoutException"), log);
    assertEquals(50, Toolkit.nowMs(loop));
  }

  @Test
  void unusedTimeoutHasNoEffect() {
    // AC2
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(
        co(v -> awaitAll(Asyncio.asCompleted(List.of(Asyncio.sleep(ms(10), "a")), ms(1000)), log)));
    assertEquals(List.of("a"), log);
    assertEquals(10, Toolkit.nowMs(loop));
  }

  @Test
  void duplicatesCollapseAndYieldedAwaitablesMayRunConcurrently() {
    // AC3
    AtomicInteger runs = new AtomicInteger();
    Object r =
        loop.runUntilComplete(
            co(
                v -> {
                  Coroutine<Object> c = co(x -> Asyncio.sleep(ms(5)), x -> runs.incrementAndGet());
                  List<Coroutine<Object>> cs = Asyncio.asCompleted(List.of(c, c));
                  assertEquals(1, cs.size());
                  Future<Integer> other = loop.createFuture();
                  loop.callLater(ms(1), () -> other.setResult(7));
                  List<Coroutine<Object>> two = Asyncio.asCompleted(List.of(other, co(x -> 8)));
                  return Asyncio.gather(cs.get(0), two.get(0), two.get(1));
                }));
    assertEquals(List.of(1, 8, 7), r);
    assertEquals(1, runs.get());
    assertFalse(loop.isClosed());
  }

  @Test
  void asyncIterationYieldsTheOriginalTasksAndFutures() {
    // AC4 (asyncio 3.13)
    List<Object> log = Toolkit.log();
    Task<Object> slow = loop.createTask(co(v -> Asyncio.sleep(ms(20), "slow")));
    Future<Object> fast = loop.createFuture();
    loop.callLater(ms(10), () -> fast.setResult("fast"));
    Coroutine<Object> coro = co(v -> Asyncio.sleep(ms(5), "coro"));
    @SuppressWarnings("unchecked")
    AsCompleted<Object>[] it = new AsCompleted[1];
    loop.runUntilComplete(
        co(
            v -> {
              it[0] = Asyncio.asCompletedFutures(List.of(slow, fast, coro), null);
              return it[0].next();
            },
            v -> {
              log.add(v instanceof Task && v != slow ? "coro's task" : v);
              return it[0].next();
            },
            v -> {
              log.add(v);
              return it[0].next();
            },
            v -> log.add(v)));
    assertEquals(List.of("coro's task", fast, slow), log);
    assertFalse(it[0].hasNext());
    assertThrows(NoSuchElementException.class, () -> it[0].next());
  }

  @Test
  void asyncIterationCanResumeAfterABreakAndTimesOut() {
    // AC4: test_as_completed_resume_iterator, plus the timeout
    @SuppressWarnings("unchecked")
    AsCompleted<Object>[] it = new AsCompleted[1];
    Task<Object> a = loop.createTask(co(v -> Asyncio.sleep(ms(10), "a")));
    Task<Object> b = loop.createTask(co(v -> Asyncio.sleep(ms(100), "b")));
    Object first =
        loop.runUntilComplete(
            co(
                v -> {
                  it[0] = Asyncio.asCompletedFutures(List.of(a, b), ms(50));
                  return it[0].next();
                }));
    assertSame(a, first);
    assertTrue(it[0].hasNext());
    Object second =
        loop.runUntilComplete(co(v -> it[0].next()).onError(e -> e.getClass().getSimpleName()));
    assertEquals("AsyncTimeoutException", second);
    assertEquals(50, Toolkit.nowMs(loop));
    assertFalse(b.done());
  }
}
