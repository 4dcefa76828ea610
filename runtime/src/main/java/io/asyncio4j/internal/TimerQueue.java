package io.asyncio4j.internal;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The loop's timers: an array-based binary min-heap keyed by {@code (deadline, sequence)}, so
 * equal deadlines come out in the order they were added. The keys live in parallel primitive
 * arrays, so an entry needs no fields of its own for them: 16 bytes a slot with an {@code int}
 * sequence number (20 with a {@code long}; a million sleeping tasks are a million slots).
 * Sequence numbers are renumbered {@code 0..size-1} in key order before they would overflow, which
 * keeps every comparison (and so the heap) as it was.
 *
 * <p>Not for users. Cancelled entries stay in the heap (the loop skips them when they come out)
 * until {@link #removeIf} compacts it.
 *
 * <p>Invariants: for every {@code i > 0}, the key at {@code (i - 1) / 2} is &lt;= the key at
 * {@code i}; slots at and beyond {@code size} are {@code null}/0.
 *
 * <p>Threading: loop-confined.
 */
public final class TimerQueue {
  private static final int MIN_CAPACITY = 16;

  private Object[] entries = new Object[MIN_CAPACITY];
  private long[] whens = new long[MIN_CAPACITY];
  private int[] seqs = new int[16];
  private int size;
  private int nextSeq;

  public TimerQueue() {}

  /** For tests: the first sequence number, to reach the renumbering without 2^31 adds. */
  TimerQueue(int firstSeq) {
    this.nextSeq = firstSeq;
  }

  /** Adds {@code entry} with deadline {@code when}. */
  public void add(long when, Object entry) {
    if (nextSeq == Integer.MAX_VALUE) {
      renumber();
    }
    if (size == entries.length) {
      int n = size * 2;
      entries = Arrays.copyOf(entries, n);
      whens = Arrays.copyOf(whens, n);
      seqs = Arrays.copyOf(seqs, n);
    }
    siftUp(size++, entry, when, nextSeq++);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The earliest deadline; the queue must not be empty. */
  public long peekWhen() {
    return whens[0];
  }

  /** The entry with the earliest key; the queue must not be empty. */
  public Object peek() {
    return entries[0];
  }

  /** Removes and returns the entry with the earliest key; the queue must not be empty. */
  public Object poll() {
    Object top = entries[0];
    int last = --size;
    Object e = entries[last];
    long w = whens[last];
    int s = seqs[last];
    entries[last] = null;
    if (last > 0) {
      siftDown(0, e, w, s);
    }
    shrinkIfSparse();
    return top;
  }

  /** Removes every entry matching {@code stale} and rebuilds the heap; returns how many. */
  public int removeIf(Predicate<Object> stale) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!stale.test(entries[i])) {
        entries[kept] = entries[i];
        whens[kept] = whens[i];
        seqs[kept] = seqs[i];
        kept++;
      }
    }
    int removed = size - kept;
    Arrays.fill(entries, kept, size, null);
    size = kept;
    shrinkIfSparse();
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i, entries[i], whens[i], seqs[i]);
    }
    return removed;
  }

  /**
   * Halves the arrays (or more) once less than a quarter is used: after a million timers were
   * cancelled or fired, the heap must not keep its peak (20 bytes a slot) for the loop's life.
   */
  private void shrinkIfSparse() {
    int capacity = entries.length;
    if (capacity > MIN_CAPACITY && size < capacity >>> 2) {
      int n = Math.max(MIN_CAPACITY, size * 2);
      entries = Arrays.copyOf(entries, n);
      whens = Arrays.copyOf(whens, n);
      seqs = Arrays.copyOf(seqs, n);
    }
  }

  /** The number of slots the arrays have (for tests). */
  int capacity() {
    return entries.length;
  }

  /** Drops everything. */
  public void clear() {
    Arrays.fill(entries, 0, size, null);
    size = 0;
  }

  /**
   * Gives the entries the sequence numbers {@code 0..size-1} in key order: every pair of keys
   * compares as before, so the heap stays valid, and {@code nextSeq} starts again at {@code size}.
   */
  private void renumber() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> less(whens[a], seqs[a], whens[b], seqs[b]) ? -1 : a.equals(b) ? 0 : 1);
    int[] renumbered = new int[seqs.length];
    for (int k = 0; k < size; k++) {
      renumbered[order[k]] = k;
    }
    seqs = renumbered;
    nextSeq = size;
  }

  private static boolean less(long w1, int s1, long w2, int s2) {
    return w1 < w2 || (w1 == w2 && s1 < s2);
  }

  private void siftUp(int i, Object e, long w, int s) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(w, s, whens[parent], seqs[parent])) {
        break;
      }
      entries[i] = entries[parent];
      whens[i] = whens[parent];
      seqs[i] = seqs[parent];
      i = parent;
    }
    entries[i] = e;
    whens[i] = w;
    seqs[i] = s;
  }

  private void siftDown(int i, Object e, long w, int s) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && less(whens[right], seqs[right], whens[child], seqs[child])) {
        child = right;
      }
      if (!less(whens[child], seqs[child], w, s)) {
        break;
      }
      entries[i] = entries[child];
      whens[i] = whens[child];
      seqs[i] = seqs[child];
      i = child;
    }
    entries[i] = e;
    whens[i] = w;
    seqs[i] = s;
  }
}
