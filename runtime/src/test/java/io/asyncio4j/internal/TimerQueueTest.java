package io.asyncio4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
  private static final class Entry {
    final long when;
    final int order;

    Entry(long when, int order) {
      this.when = when;
      this.order = order;
    }
  }

  /** Entries come out by deadline, equal deadlines in insertion order (catalog L4 port rule). */
  @Test
  void pollsByDeadlineThenInsertionOrder() {
    Random random = new Random(42);
    TimerQueue q = new TimerQueue();
    List<Entry> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Entry e = new Entry(random.nextInt(100), i);
      all.add(e);
      q.add(e.when, e);
    }
    all.sort(Comparator.<Entry>comparingLong(e -> e.when).thenComparingInt(e -> e.order));
    for (Entry expected : all) {
      assertEquals(expected.when, q.peekWhen());
      assertEquals(expected, q.poll());
    }
    assertTrue(q.isEmpty());
  }

  /** removeIf drops matching entries and leaves a valid heap. */
  @Test
  void theArraysShrinkAfterMassCancellationAndAfterDraining() {
    TimerQueue q = new TimerQueue();
    Object dead = new Object();
    for (int i = 0; i < 1_000_000; i++) {
      q.add(i, i % 1000 == 0 ? "live" : dead);
    }
    assertTrue(q.capacity() >= 1_000_000);
    assertEquals(999_000, q.removeIf(e -> e == dead));
    assertEquals(1000, q.size());
    assertEquals(2000, q.capacity());
    for (int i = 0; i < 1000; i++) {
      assertEquals("live", q.poll());
    }
    assertEquals(16, q.capacity());
  }

  @Test
  void removeIfKeepsTheHeapOrdered() {
    TimerQueue q = new TimerQueue();
    for (int i = 0; i < 1000; i++) {
      q.add(999 - i, new Entry(999 - i, i));
    }
    assertEquals(500, q.removeIf(e -> ((Entry) e).when % 2 == 1));
    assertEquals(500, q.size());
    for (int w = 0; w < 1000; w += 2) {
      assertEquals(w, ((Entry) q.poll()).when);
    }
    assertTrue(q.isEmpty());
  }

  /** Interleaved adds and polls keep the order. */
  @Test
  void interleavedAddsAndPolls() {
    TimerQueue q = new TimerQueue();
    q.add(5, "five");
    q.add(1, "one");
    assertEquals("one", q.poll());
    q.add(3, "three");
    q.add(5, "five-again");
    assertEquals("three", q.poll());
    assertEquals("five", q.poll());
    assertEquals("five-again", q.poll());
    assertEquals(0, q.size());
  }

  /** Sequence numbers are renumbered before they overflow; FIFO among equal deadlines holds. */
  @Test
  void insertionOrderSurvivesTheSequenceRenumbering() {
    TimerQueue q = new TimerQueue(Integer.MAX_VALUE - 5);
    List<Entry> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Entry e = new Entry(i % 3, i);
      all.add(e);
      q.add(e.when, e);
      if (i == 10) {
        Entry first = (Entry) q.poll();
        assertEquals(0, first.when);
        assertEquals(0, first.order);
        all.remove(first);
      }
    }
    all.sort(Comparator.<Entry>comparingLong(e -> e.when).thenComparingInt(e -> e.order));
    for (Entry expected : all) {
      assertEquals(expected, q.poll());
    }
    assertTrue(q.isEmpty());
  }
}
