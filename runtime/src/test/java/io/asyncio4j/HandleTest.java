package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Handle} and {@link TimerHandle}. */
class HandleTest {
  private final EventLoop loop = EventLoop.withVirtualTime();

  /** L6: cancel() marks the handle cancelled, is idempotent, and the callback never runs. */
  @Test
  void cancelIsIdempotentAndPreventsTheRun() {
    List<String> log = new ArrayList<>();
    Runnable cb =
        new Runnable() {
          @Override
          public void run() {
            log.add("ran");
          }

          @Override
          public String toString() {
            return "cb";
          }
        };
    Handle h = loop.callSoon(cb);
    assertFalse(h.cancelled());
    assertEquals("Handle[cb]", h.toString());
    h.cancel();
    h.cancel();
    assertTrue(h.cancelled());
    assertEquals("Handle[cancelled]", h.toString());
    Loops.runIterations(loop, 1);
    assertEquals(List.of(), log);
  }

  /** TimerHandle reports its deadline on the loop clock. */
  @Test
  void timerHandleReportsWhen() {
    Loops.advance(loop, Duration.ofSeconds(1));
    TimerHandle h = loop.callLater(Duration.ofMillis(250), () -> {});
    assertEquals(Duration.ofMillis(1250).toNanos(), h.when());
    TimerHandle at = loop.callAt(42, () -> {});
    assertEquals(42, at.when());
    assertTrue(at.toString().startsWith("TimerHandle[when=42 "));
    at.cancel();
    assertEquals("TimerHandle[when=42 cancelled]", at.toString());
  }

  /** L6: a handle cancelled from inside an earlier callback of the same iteration is skipped. */
  @Test
  void handleCancelledEarlierInTheSameIterationIsSkipped() {
    List<String> log = new ArrayList<>();
    Handle[] second = new Handle[1];
    loop.callSoon(() -> second[0].cancel());
    second[0] = loop.callSoon(() -> log.add("second"));
    Loops.runIterations(loop, 1);
    assertEquals(List.of(), log);
  }
}
