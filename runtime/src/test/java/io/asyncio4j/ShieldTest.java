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
import org.junit.jupiter.api.Test;

class ShieldTest {
  private final EventLoop loop = newLoop();

  @Test
  void shieldFollowsTheInnerResultOrException() {
    // SH1
    Future<Integer> inner = loop.createFuture();
    Future<Integer> outer = Asyncio.shield(inner);
    inner.setResult(42);
    runBriefly(loop);
    assertEquals(42, outer.result());
    Future<Integer> failing = loop.createFuture();
    Future<Integer> outer2 = Asyncio.shield(failing);
    IllegalStateException boom = new IllegalStateException("boom");
    failing.setException(boom);
    runBriefly(loop);
    assertSame(boom, outer2.exception());
  }

  @Test
  void shieldOfADoneFutureIsThatFuture() {
    // SH1: test_shield_shortcut
    Future<Integer> done = loop.createFuture();
    done.setResult(1);
    assertSame(done, Asyncio.shield(done));
  }

  @Test
  void cancellingTheAwaiterLeavesTheInnerRunning() {
    // SH2
    List<Object> log = Toolkit.log();
    Task<Object> inner = loop.createTask(co(v -> Asyncio.sleep(ms(20), "inner done")));
    Task<Object> awaiter =
        loop.createTask(
            co(v -> Asyncio.shield(inner))
                .onError(
                    e -> {
                      log.add(e.getClass().getSimpleName());
                      throw e;
                    }));
    runBriefly(loop);
    awaiter.cancel();
    assertThrows(CancelledException.class, () -> Toolkit.complete(loop, awaiter));
    assertEquals(List.of("CancelledException"), log);
    assertFalse(inner.done());
    assertEquals("inner done", Toolkit.complete(loop, inner));
  }

  @Test
  void cancellingTheShieldDetachesItFromTheInner() {
    // SH2: bpo-35125
    Future<Integer> inner = loop.createFuture();
    Future<Integer> outer = Asyncio.shield(inner);
    assertTrue(outer.cancel());
    runBriefly(loop);
    assertFalse(inner.cancelled());
    assertEquals(0, inner.removeDoneCallback(f -> {}));
    assertFalse(inner.toString().contains("cb="), inner.toString());
  }

  @Test
  void cancellingTheInnerCancelsTheShield() {
    // SH3
    Future<Integer> inner = loop.createFuture();
    Future<Integer> outer = Asyncio.shield(inner);
    inner.cancel();
    runBriefly(loop);
    assertTrue(outer.cancelled());
  }

  @Test
  void shieldAroundGatherAndGatherAroundShieldsLayerAsExpected() {
    // SH4: test_shield_gather / test_gather_shield
    Future<Integer> a = loop.createFuture();
    Future<Integer> b = loop.createFuture();
    Future<List<Integer>> g = Asyncio.gather(a, b);
    Future<List<Integer>> shielded = Asyncio.shield(g);
    shielded.cancel();
    runBriefly(loop);
    assertFalse(g.cancelled());
    assertFalse(a.cancelled());
    a.setResult(1);
    b.setResult(2);
    runBriefly(loop);
    assertEquals(List.of(1, 2), g.result());

    Future<Integer> c = loop.createFuture();
    Future<Integer> d = loop.createFuture();
    Future<Integer> sc = Asyncio.shield(c);
    Future<Integer> sd = Asyncio.shield(d);
    Future<List<Integer>> g2 = Asyncio.gather(sc, sd);
    g2.cancel();
    runBriefly(loop);
    assertTrue(sc.cancelled());
    assertTrue(sd.cancelled());
    assertFalse(c.cancelled());
    assertFalse(d.cancelled());
  }

  @Test
  void innerFailureAfterTheShieldWasCancelledStaysUnretrieved() {
    // SH5 (gh-86802, as in asyncio 3.11-3.13): the failure is left for the never-retrieved report
    Future<Integer> inner = loop.createFuture();
    Future<Integer> outer = Asyncio.shield(inner);
    outer.cancel();
    runBriefly(loop);
    inner.setException(new IllegalStateException("late"));
    runBriefly(loop);
    assertInstanceOf(Future.Unretrieved.class, inner.callbacks);
    Future<Integer> watched = loop.createFuture();
    Future<Integer> outer2 = Asyncio.shield(watched);
    watched.setException(new IllegalStateException("seen"));
    runBriefly(loop);
    assertTrue(outer2.done());
    assertFalse(watched.callbacks instanceof Future.Unretrieved);
  }
}
