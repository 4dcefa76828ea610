package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LifoQueueTest {
  private final EventLoop loop = newLoop();

  @Test
  void getReturnsTheMostRecentlyPutItem() {
    // Q1
    LifoQueue<Integer> q = new LifoQueue<>();
    for (int i : new int[] {2, 3, 1}) {
      q.putNowait(i);
    }
    assertEquals(1, loop.runUntilComplete(q.get()));
    assertEquals(3, q.getNowait());
    assertEquals(2, q.getNowait());
    assertThrows(QueueEmptyException.class, q::getNowait);
  }

  @Test
  void boundedLifoQueueBlocksPuttersAndWakesThemInOrder() {
    // Q2/Q7 for the LIFO variant
    LifoQueue<Integer> q = new LifoQueue<>(1);
    List<Object> log = Toolkit.log();
    q.putNowait(0);
    Task<Object> a = loop.createTask(co(v -> q.put(1), v -> log.add("a")));
    Task<Object> b = loop.createTask(co(v -> q.put(2), v -> log.add("b")));
    runBriefly(loop);
    assertEquals(0, q.getNowait());
    Toolkit.complete(loop, a);
    assertEquals(1, q.getNowait());
    Toolkit.complete(loop, b);
    assertEquals(List.of("a", "b"), log);
    assertEquals(2, q.getNowait());
    assertTrue(q.empty());
    assertEquals("LifoQueue[maxsize=1, qsize=0, tasks=3]", q.toString());
  }
}
