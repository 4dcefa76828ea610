package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncPriorityQueueTest {
  private final EventLoop loop = newLoop();

  @Test
  void smallestItemComesOutFirst() {
    // Q1
    AsyncPriorityQueue<Integer> q = new AsyncPriorityQueue<>();
    for (int i : new int[] {5, 1, 4, 2, 3}) {
      q.putNowait(i);
    }
    List<Object> out = Toolkit.log();
    while (!q.empty()) {
      out.add(q.getNowait());
    }
    assertEquals(List.of(1, 2, 3, 4, 5), out);
  }

  @Test
  void comparatorDecidesThePriority() {
    // Q1
    AsyncPriorityQueue<String> q =
        new AsyncPriorityQueue<>(0, Comparator.comparing(String::length));
    q.putNowait("ccc");
    q.putNowait("a");
    q.putNowait("bb");
    assertEquals("a", loop.runUntilComplete(q.get()));
    assertEquals("bb", q.getNowait());
    assertEquals("ccc", q.getNowait());
  }

  @Test
  void waitingGetterReceivesTheSmallestItemAvailableWhenItRuns() {
    // Q3 for the priority variant: the woken getter takes the item when it resumes
    AsyncPriorityQueue<Integer> q = new AsyncPriorityQueue<>(3);
    List<Object> log = Toolkit.log();
    loop.createTask(co(v -> q.get(), v -> log.add(v)));
    runBriefly(loop);
    q.putNowait(9);
    q.putNowait(1);
    runBriefly(loop);
    assertEquals(List.of(1), log);
    assertEquals(9, q.getNowait());
  }
}
