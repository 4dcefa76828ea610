package io.asyncio4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadyQueueTest {
  /** Pairs come out FIFO, across growth and wrap-around. */
  @Test
  void pairsComeOutFifoAcrossGrowthAndWrapAround() {
    ReadyQueue q = new ReadyQueue();
    int in = 0;
    int out = 0;
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < round * 7; i++, in++) {
        q.add("cb" + in, in);
      }
      for (int i = 0; i < round * 5 && !q.isEmpty(); i++, out++) {
        assertEquals("cb" + out, q.pollCallback());
        assertEquals(out, q.pollArgument());
      }
    }
    assertEquals(in - out, q.size());
    while (!q.isEmpty()) {
      assertEquals("cb" + out, q.pollCallback());
      assertEquals(out++, q.pollArgument());
    }
    assertEquals(in, out);
  }

  /**
   * After a burst, the queue gives its memory back: at once when it drains, and at {@link
   * ReadyQueue#trim()} when at most a quarter full; the pairs still come out FIFO.
   */
  @Test
  void aDrainedOrSparseQueueShrinksAndStaysFifo() throws Exception {
    java.lang.reflect.Field slots = ReadyQueue.class.getDeclaredField("slots");
    slots.setAccessible(true);
    ReadyQueue q = new ReadyQueue();
    for (int i = 0; i < 100_000; i++) {
      q.add("cb" + i, i);
    }
    for (int i = 0; i < 100_000; i++) {
      assertEquals("cb" + i, q.pollCallback());
      assertEquals(i, q.pollArgument());
    }
    assertEquals(64, ((Object[]) slots.get(q)).length);
    for (int i = 0; i < 100_000; i++) {
      q.add("cb" + i, i);
    }
    for (int i = 0; i < 99_000; i++) {
      q.pollCallback();
      q.pollArgument();
    }
    q.trim();
    assertEquals(4096, ((Object[]) slots.get(q)).length);
    for (int i = 99_000; i < 100_000; i++) {
      assertEquals("cb" + i, q.pollCallback());
      assertEquals(i, q.pollArgument());
    }
    assertTrue(q.isEmpty());
  }

  @Test
  void clearEmptiesTheQueue() {
    ReadyQueue q = new ReadyQueue();
    q.add("a", null);
    q.clear();
    assertTrue(q.isEmpty());
    q.add("b", 1);
    assertEquals("b", q.pollCallback());
    assertEquals(1, q.pollArgument());
  }
}
