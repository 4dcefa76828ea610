package io.asyncio4j;

import java.util.ArrayDeque;

/**
 * A last-in, first-out {@link Queue}, like {@code asyncio.LifoQueue}: {@link #get()} returns the
 * most recently put item. Waiting, fairness among waiters, cancellation and shutdown are the
 * queue's.
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
  private final ArrayDeque<T> stack = new ArrayDeque<>();

  /** Creates an unbounded LIFO queue. */
  public LifoQueue() {
    this(0);
  }

  /**
   * Creates a LIFO queue holding at most {@code maxsize} items; {@code <= 0} is unbounded.
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   */
  public LifoQueue(int maxsize) {
    super(maxsize);
  }

  @Override
  void storeItem(T item) {
    stack.addLast(item);
  }

  @Override
  T takeItem() {
    return stack.pollLast();
  }

  @Override
  int storedCount() {
    return stack.size();
  }
}
