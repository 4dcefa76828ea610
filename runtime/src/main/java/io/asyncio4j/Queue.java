package io.asyncio4j;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A first-in, first-out queue for producer and consumer tasks, like {@code asyncio.Queue}; {@link
 * LifoQueue} and {@link AsyncPriorityQueue} change only the retrieval order.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(10);      // bounded; new Queue<>() is unbounded
 * await(q.put("job"));                    // waits while full
 * String job = await(q.get());            // waits while empty
 * q.taskDone();                           // pairs with join()
 * }</pre>
 *
 * <p>{@link #put(Object)} on a queue with room inserts at once and returns an awaitable that is
 * already done (no allocation, no suspension); a full or shut-down queue returns a coroutine that
 * does the waiting when awaited. Either way, await what it returns. {@link #get()} returns a
 * coroutine that takes an item when awaited and suspends only if the queue is empty. Items must not
 * be {@code null}.
 *
 * <p><b>Cancellation.</b> A cancelled {@link #get()} never consumes an item: if it had already been
 * woken for an item, the wake-up passes to the next waiting getter, so no item is left unclaimed. A
 * cancelled {@link #put(Object)} never inserts its item, and if it had been woken for a free slot,
 * the wake-up passes to the next waiting putter. Cancelled getters and putters are removed from the
 * waiter queues. {@link #join()} is cancelled like {@link Event#waitSet()}.
 *
 * <p><b>Shutdown</b> (asyncio 3.13). After {@link #shutdown()}, puts throw {@link
 * QueueShutDownException}, blocked putters and getters are woken, and gets drain the remaining
 * items before they too throw it. {@link #shutdown(boolean) shutdown(true)} also drops the items,
 * counting each as done, which releases {@link #join()}.
 *
 * <p><b>State.</b>
 *
 * <pre>
 * | items          | getters       | putters       |
 * |----------------|---------------|---------------|
 * | empty          | may wait      | none waiting  |
 * | some, not full | none waiting* | none waiting* |
 * | full           | none waiting* | may wait      |
 *   (* except waiters already woken that have not run yet)
 *
 *   open --shutdown()--> shut down (puts fail; gets drain, then fail)
 * </pre>
 *
 * <p><b>Invariants.</b> Every item put and not yet taken is counted in {@code unfinished} until
 * {@link #taskDone()}; {@link #join()} waits exactly while {@code unfinished > 0}. Each put wakes
 * at most one getter and each get wakes at most one putter, and a woken waiter that does not use
 * its wake-up passes it on.
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 *
 * @param <T> the item type
 */
public class Queue<T> extends LoopBound implements AsyncIterable<T> {
  private final int maxsize;
  private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
  private final Event finished = new Event();
  private int unfinished;
  private boolean shutdown;
  private Future<Void> donePut;

  /** Creates an unbounded queue. */
  public Queue() {
    this(0);
  }

  /**
   * Creates a queue that holds at most {@code maxsize} items; {@code maxsize <= 0} is unbounded.
   *
   * @param maxsize the most items it holds; 0 or less for no limit
   */
  public Queue(int maxsize) {
    this.maxsize = maxsize;
    finished.set();
  }

  // ---- storage: FIFO here, overridden by LifoQueue and AsyncPriorityQueue ----

  private ArrayDeque<T> fifo;

  void storeItem(T item) {
    if (fifo == null) {
      fifo = new ArrayDeque<>();
    }
    fifo.addLast(item);
  }

  T takeItem() {
    return fifo.pollFirst();
  }

  int storedCount() {
    return fifo == null ? 0 : fifo.size();
  }

  // ---- public API ----

  /**
   * The number of items in the queue.
   *
   * @return how many items it holds
   */
  public int qsize() {
    return storedCount();
  }

  /**
   * The capacity; 0 (or less) means unbounded.
   *
   * @return the most items it holds (0 for no limit)
   */
  public int maxsize() {
    return maxsize;
  }

  /**
   * Whether the queue has no items.
   *
   * @return whether it holds no item
   */
  public boolean empty() {
    return storedCount() == 0;
  }

  /**
   * Whether the queue holds {@code maxsize} items; never true for an unbounded queue.
   *
   * @return whether it holds {@code maxsize} items
   */
  public boolean full() {
    return maxsize > 0 && storedCount() >= maxsize;
  }

  /**
   * Puts {@code item}, waiting while the queue is full.
   *
   * @param item the item
   * @return what to await: done once the item is in the queue
   * @throws QueueShutDownException (at the await) if the queue is shut down
   */
  public Awaitable<Void> put(T item) {
    Objects.requireNonNull(item, "item");
    if (!shutdown && !full()) {
      putNowait(item);
      Future<Void> done = donePut;
      if (done == null) {
        // One immutable done future per queue serves every put that finds room.
        done = loop().createFuture();
        done.setResult(null);
        donePut = done;
      }
      return done;
    }
    return new Put(item);
  }

  /**
   * Puts {@code item} without waiting and wakes one waiting getter.
   *
   * @param item the item
   * @throws QueueFullException if the queue is full
   * @throws QueueShutDownException if the queue is shut down
   */
  public void putNowait(T item) {
    assert inLoop();
    Objects.requireNonNull(item, "item");
    if (shutdown) {
      throw new QueueShutDownException();
    }
    if (full()) {
      throw new QueueFullException();
    }
    storeItem(item);
    unfinished++;
    finished.clear();
    wakeUpNext(getters);
  }

  /**
   * Takes an item, waiting while the queue is empty.
   *
   * @return a coroutine with the next item
   * @throws QueueShutDownException (at the await) if the queue is shut down and empty
   */
  public Coroutine<T> get() {
    return new Get();
  }

  /**
   * The items as they are taken, until the queue is shut down and empty, for an enhanced {@code
   * for} in an {@code @Async} method: each step awaits {@link #get()} (so it waits while the queue
   * is empty), and {@link QueueShutDownException} ends the loop instead of propagating. As with
   * {@code get()}, call {@link #taskDone()} per item if someone {@link #join()}s the queue.
   *
   * <pre>{@code
   * for (String job : queue) {   // while True: job = await queue.get() (until shut down)
   *   handle(job);
   *   queue.taskDone();
   * }
   * }</pre>
   */
  @Override
  public AsyncIterator<T> asyncIterator() {
    return new NextIterator<>(() -> true, this::get, e -> e instanceof QueueShutDownException);
  }

  /**
   * Takes an item without waiting and wakes one waiting putter.
   *
   * @return the next item
   * @throws QueueEmptyException if the queue is empty
   * @throws QueueShutDownException if the queue is shut down and empty
   */
  public T getNowait() {
    assert inLoop();
    if (empty()) {
      if (shutdown) {
        throw new QueueShutDownException();
      }
      throw new QueueEmptyException();
    }
    T item = takeItem();
    wakeUpNext(putters);
    return item;
  }

  /**
   * Marks one item taken by a consumer as processed; when every item put has been marked, {@link
   * #join()} returns.
   *
   * @throws IllegalStateException if called more times than items were put
   */
  public void taskDone() {
    assert inLoop();
    if (unfinished <= 0) {
      throw new IllegalStateException("taskDone() called too many times");
    }
    unfinished--;
    if (unfinished == 0) {
      finished.set();
    }
  }

  /**
   * Waits until every item put has been marked with {@link #taskDone()}.
   *
   * @return a coroutine that completes when every item put was processed
   */
  public Coroutine<Void> join() {
    return new ToolkitCoroutine<>() {
      private boolean waited;

      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        if (failure != null) {
          throw failure;
        }
        if (!waited && unfinished > 0) {
          waited = true;
          return awaitNext(finished.waitSet());
        }
        return null;
      }
    };
  }

  /** Shuts the queue down without dropping its items; see {@link #shutdown(boolean)}. */
  public void shutdown() {
    shutdown(false);
  }

  /**
   * Shuts the queue down: later puts throw {@link QueueShutDownException}, every blocked getter and
   * putter is woken, and gets throw once the queue is empty. With {@code immediate}, the remaining
   * items are dropped and counted as done, which can release {@link #join()}.
   *
   * @param immediate whether to drop the items still queued
   */
  public void shutdown(boolean immediate) {
    assert inLoop();
    shutdown = true;
    if (immediate) {
      while (!empty()) {
        takeItem();
        if (unfinished > 0) {
          unfinished--;
        }
      }
      if (unfinished == 0) {
        finished.set();
      }
    }
    wakeAll(getters);
    wakeAll(putters);
  }

  /**
   * Whether {@link #shutdown()} has been called.
   *
   * @return whether {@link #shutdown(boolean)} was called
   */
  public boolean isShutdown() {
    return shutdown;
  }

  private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
    Future<Void> w;
    while ((w = waiters.pollFirst()) != null) {
      if (!w.done()) {
        w.setResult(null);
        return;
      }
    }
  }

  private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
    Future<Void> w;
    while ((w = waiters.pollFirst()) != null) {
      if (!w.done()) {
        w.setResult(null);
      }
    }
  }

  int getterCount() {
    return getters.size();
  }

  int putterCount() {
    return putters.size();
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder(getClass().getSimpleName()).append("[maxsize=").append(maxsize);
    sb.append(", qsize=").append(qsize());
    if (!getters.isEmpty()) {
      sb.append(", getters:").append(getters.size());
    }
    if (!putters.isEmpty()) {
      sb.append(", putters:").append(putters.size());
    }
    if (unfinished > 0) {
      sb.append(", tasks=").append(unfinished);
    }
    if (shutdown) {
      sb.append(", shutdown");
    }
    return sb.append(']').toString();
  }

  private final class Get extends ToolkitCoroutine<T> {
    private Future<Void> getter;

    @Override
    Object run(Object value, Throwable failure) throws Throwable {
      if (getter != null) {
        Future<Void> g = getter;
        getter = null;
        if (failure != null) {
          g.cancel();
          getters.remove(g);
          if (!empty() && !g.cancelled()) {
            wakeUpNext(getters);
          }
          throw failure;
        }
      }
      if (empty()) {
        if (shutdown) {
          throw new QueueShutDownException();
        }
        getter = loop(runningLoop()).createFuture();
        getters.addLast(getter);
        return awaitNext(getter);
      }
      return getNowait();
    }
  }

  private final class Put extends ToolkitCoroutine<Void> {
    private final T item;
    private Future<Void> putter;

    Put(T item) {
      this.item = item;
    }

    @Override
    Object run(Object value, Throwable failure) throws Throwable {
      if (putter != null) {
        Future<Void> p = putter;
        putter = null;
        if (failure != null) {
          p.cancel();
          putters.remove(p);
          if (!full() && !p.cancelled()) {
            wakeUpNext(putters);
          }
          throw failure;
        }
      }
      if (full()) {
        if (shutdown) {
          throw new QueueShutDownException();
        }
        putter = loop(runningLoop()).createFuture();
        putters.addLast(putter);
        return awaitNext(putter);
      }
      putNowait(item);
      return null;
    }
  }
}
