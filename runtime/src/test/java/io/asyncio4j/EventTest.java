package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {
  private final EventLoop loop = newLoop();

  @Test
  void waitBlocksUntilSetAndSetWakesEveryWaiter() {
    // EV1
    Event ev = new Event();
    List<Object> log = Toolkit.log();
    Task<Object> t1 = loop.createTask(co(v -> ev.waitSet(), v -> log.add("1:" + v)));
    Task<Object> t2 = loop.createTask(co(v -> ev.waitSet(), v -> log.add("2:" + v)));
    runBriefly(loop);
    assertEquals(List.of(), log);
    assertFalse(ev.isSet());
    ev.set();
    assertTrue(ev.isSet());
    Toolkit.complete(loop, t2);
    assertTrue(t1.done());
    assertEquals(List.of("1:true", "2:true"), log);
    assertEquals(0, ev.waiterCount());
  }

  @Test
  void waitOnASetEventReturnsWithoutSuspending() {
    // EV1
    Event ev = new Event();
    ev.set();
    List<Object> log = Toolkit.log();
    loop.createTask(co(v -> ev.waitSet(), v -> log.add("waited")));
    loop.createTask(co(v -> log.add("other")));
    runBriefly(loop);
    assertEquals(List.of("waited", "other"), log);
  }

  @Test
  void tasksAlreadyScheduledRunBeforeWokenWaiters() {
    // EV2: test_wait gives [3, 1, 2]
    Event ev = new Event();
    List<Object> log = Toolkit.log();
    Task<Object> t1 = loop.createTask(co(v -> ev.waitSet(), v -> log.add(1)));
    Task<Object> t2 = loop.createTask(co(v -> ev.waitSet(), v -> log.add(2)));
    runBriefly(loop);
    assertEquals(List.of(), log);
    Task<Object> t3 = loop.createTask(co(v -> ev.waitSet(), v -> log.add(3)));
    ev.set();
    runBriefly(loop);
    assertEquals(List.of(3, 1, 2), log);
    assertTrue(t1.done() && t2.done() && t3.done());
  }

  @Test
  void setThenClearBeforeWaitersRunStillWakesThem() {
    // EV3: the pulse is not lost
    Event ev = new Event();
    List<Object> log = Toolkit.log();
    Task<Object> t = loop.createTask(co(v -> ev.waitSet(), v -> log.add("woke")));
    runBriefly(loop);
    ev.set();
    ev.clear();
    Toolkit.complete(loop, t);
    assertEquals(List.of("woke"), log);
    assertFalse(ev.isSet());
  }

  @Test
  void cancelledWaitRemovesItsWaiter() {
    // EV3
    Event ev = new Event();
    Task<Object> t = loop.createTask(co(v -> ev.waitSet()));
    runBriefly(loop);
    assertEquals(1, ev.waiterCount());
    t.cancel();
    runBriefly(loop);
    assertTrue(t.cancelled());
    assertEquals(0, ev.waiterCount());
    assertEquals("Event[unset]", ev.toString());
  }
}
