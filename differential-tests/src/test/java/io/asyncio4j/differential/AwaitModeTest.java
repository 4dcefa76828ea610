package io.asyncio4j.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks that the {@link AwaitMode}s exercise what {@link DifferentialTest} relies on them for:
 * READY awaits never suspend, SOON awaits always do, MIXED mixes in timers.
 */
class AwaitModeTest {

  private static AsyncCorpus run(AwaitMode mode) {
    AsyncCorpus a = new AsyncCorpus(mode);
    EventLoop loop = EventLoop.withVirtualTime();
    String result = Asyncio.run(AsyncCorpusAsync.fizzBuzz(a, 15), loop);
    assertEquals(new PlainCorpus().fizzBuzz(15), result);
    return a;
  }

  @Test
  void readyModeNeverDefersAValue() {
    AsyncCorpus a = run(AwaitMode.READY);
    assertEquals(List.of(0, 0), List.of(a.deferred, a.naps));
  }

  @Test
  void soonModeDefersEveryValue() {
    AsyncCorpus a = run(AwaitMode.SOON);
    // fizzBuzz(15) awaits io(...) 1 + 15 (update) + 15 (append) + 1 (FizzBuzz) + 4 (Fizz) times.
    assertEquals(List.of(36, 0), List.of(a.deferred, a.naps));
  }

  @Test
  void mixedModeUsesDoneFuturesCallbacksAndTimers() {
    AsyncCorpus a = run(AwaitMode.MIXED);
    assertEquals(12, a.deferred);
    assertEquals(12, a.naps);
    assertEquals(15, a.trace.entries().size());
  }

  @Test
  void awaitsOfDoneFuturesAndNonSuspendingCoroutinesDoNotYieldToTheLoop() {
    for (AwaitMode mode : AwaitMode.values()) {
      AsyncCorpus a = new AsyncCorpus(mode);
      assertEquals(
          "done",
          Asyncio.run(AsyncCorpusAsync.doneAwaitsDoNotYield(a), EventLoop.withVirtualTime()));
      assertEquals(List.of("after 6", "callback", "resumed"), a.trace.entries(), mode.name());
    }
  }
}
