package io.asyncio4j.internal;

/**
 * The loop's FIFO of ready work: a growable ring buffer of (callback, argument) pairs, so that
 * scheduling a task step or a done callback needs no wrapper object.
 *
 * <p>Not for users.
 *
 * <p>Invariants: {@code size} pairs live at {@code head .. head + 2*size} (mod capacity); every
 * other slot is {@code null}, so nothing polled stays reachable.
 *
 * <p>Threading: loop-confined.
 */
public final class ReadyQueue {
  private static final int INITIAL_CAPACITY = 64;
  private static final int TRIM_THRESHOLD = 1 << 15;

  private Object[] slots = new Object[INITIAL_CAPACITY];
  private int head;
  private int size;

  /** Appends a pair. */
  public void add(Object callback, Object argument) {
    Object[] s = slots;
    if (size * 2 == s.length) {
      s = grow();
    }
    int i = (head + size * 2) & (s.length - 1);
    s[i] = callback;
    s[i + 1] = argument;
    size++;
  }

  /** The number of pairs. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The callback of the first pair; call {@link #pollArgument()} next to remove the pair. */
  public Object pollCallback() {
    Object c = slots[head];
    slots[head] = null;
    return c;
  }

  /** The argument of the first pair, and removes the pair. */
  public Object pollArgument() {
    Object[] s = slots;
    int i = head + 1;
    Object a = s[i];
    s[i] = null;
    head = (i + 1) & (s.length - 1);
    if (--size == 0 && s.length > TRIM_THRESHOLD) {
      // Drained after a burst: give the memory back now, not at the end of the iteration.
      slots = new Object[INITIAL_CAPACITY];
      head = 0;
    }
    return a;
  }

  /**
   * Gives back the memory of a large queue that is now at most a quarter full (after a burst such
   * as a million tasks created at once), so it does not stay allocated for the loop's lifetime,
   * even while a task keeps yielding; the new capacity leaves the queue at most half full.
   */
  public void trim() {
    Object[] s = slots;
    if (s.length > TRIM_THRESHOLD && size * 8 <= s.length) {
      int capacity = INITIAL_CAPACITY;
      while (capacity < size * 4) {
        capacity <<= 1;
      }
      Object[] t = new Object[capacity];
      int n = size * 2;
      int firstPart = Math.min(n, s.length - head);
      System.arraycopy(s, head, t, 0, firstPart);
      System.arraycopy(s, 0, t, firstPart, n - firstPart);
      slots = t;
      head = 0;
    }
  }

  /** Drops everything. */
  public void clear() {
    java.util.Arrays.fill(slots, null);
    head = 0;
    size = 0;
  }

  private Object[] grow() {
    Object[] old = slots;
    Object[] s = new Object[old.length * 2];
    int firstPart = old.length - head;
    System.arraycopy(old, head, s, 0, firstPart);
    System.arraycopy(old, 0, s, firstPart, head);
    slots = s;
    head = 0;
    return s;
  }
}
