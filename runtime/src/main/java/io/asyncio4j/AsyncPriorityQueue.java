package io.asyncio4j;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link Queue} that returns the smallest item first, like {@code asyncio.PriorityQueue} (renamed
 * to keep clear of {@link java.util.PriorityQueue}). Items are ordered by their natural order or by
 * the given comparator; equal items come out in no particular order. Waiting, fairness among
 * waiters, cancellation and shutdown are the queue's.
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 *
 * @param <T> the item type
 */
public final class AsyncPriorityQueue<T> extends Queue<T> {
  private final PriorityQueue<T> heap;

  /** Creates an unbounded priority queue of {@link Comparable} items. */
  public AsyncPriorityQueue() {
    this(0, null);
  }

  /**
   * Creates a priority queue of {@link Comparable} items holding at most {@code maxsize}.
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   */
  public AsyncPriorityQueue(int maxsize) {
    this(maxsize, null);
  }

  /**
   * Creates a priority queue holding at most {@code maxsize} items ({@code <= 0}: unbounded),
   * ordered by {@code comparator} ({@code null}: natural order).
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   * @param comparator the order: the least item comes out first
   */
  public AsyncPriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize);
    this.heap = new PriorityQueue<>(comparator);
  }

  @Override
  void storeItem(T item) {
    heap.add(item);
  }

  @Override
  T takeItem() {
    return heap.poll();
  }

  @Override
  int storedCount() {
    return heap.size();
  }
}
