package io.asyncio4j;

import java.util.ArrayDeque;

/**
 * A counting semaphore for tasks, like {@code asyncio.Semaphore}.
 *
 * <pre>{@code
 * try (Lock.Held permit = await(sem.hold())) {   // async with sem:
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Fairness.</b> Strict FIFO: while any uncancelled waiter is queued, {@link #locked()} is
 * true and a newcomer queues behind it even if permits are available; released permits go to the
 * waiters in arrival order.
 *
 * <p><b>Cancellation.</b> Cancelling a task blocked in {@link #acquire()} removes its waiter and
 * delivers {@link CancelledException}. If a permit had already been handed to it, the permit is
 * given back and passed to the next waiter, so cancellation never leaks a permit or strands a
 * waiter, whether it lands before the wake-up, after it, or during a release.
 *
 * <p><b>State.</b>
 *
 * <pre>
 * | value | live waiters | locked() |
 * |-------|--------------|----------|
 * | > 0   | none         | false    |  acquire() takes a permit at once
 * | any   | some         | true     |  acquire() queues (FIFO)
 * | 0     | any          | true     |
 *
 *   acquire(): value-- (or queue) ; release(): value++ then hand one permit to the first
 *   pending waiter (value-- on its behalf)
 * </pre>
 *
 * <p><b>Invariants.</b> {@code value >= 0}. A queued future that is done and not cancelled holds a
 * permit already subtracted from {@code value}: its task either keeps it or gives it back.
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 */
public class Semaphore extends LoopBound {
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private int value;

  /**
   * Creates a semaphore with {@code value} permits.
   *
   * @param value the initial count (at least 0)
   * @throws IllegalArgumentException if {@code value < 0}
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value: " + value + " (expected: >= 0)");
    }
    this.value = value;
  }

  /** Creates a semaphore with one permit. */
  public Semaphore() {
    this(1);
  }

  /**
   * The number of permits available now.
   *
   * @return the current count
   */
  public int value() {
    return value;
  }

  /**
   * Whether {@link #acquire()} would suspend: no permits, or an uncancelled waiter is queued
   * (FIFO).
   *
   * @return whether an acquire would wait
   */
  public boolean locked() {
    if (value == 0) {
      return true;
    }
    for (Future<Boolean> w : waiters) {
      if (!w.cancelled()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes a permit, waiting in FIFO order; yields {@code true}. Nothing happens until awaited.
   *
   * @return a coroutine with {@code true} once acquired
   */
  public Coroutine<Boolean> acquire() {
    return new Acquire();
  }

  /**
   * Acquires a permit like {@link #acquire()} and yields a {@link Lock.Held} that releases it when
   * a try-with-resources in an {@code @Async} method ends ({@code async with}):
   *
   * <pre>{@code
   * try (Lock.Held h = await(sem.hold())) {
   *   ... // may await
   * }                                  // released, also on an exception or cancellation
   * }</pre>
   *
   * Cancellation while waiting behaves as in {@link #acquire()}: nothing is held.
   *
   * @return a coroutine with the held permit, to release by closing it
   */
  public Coroutine<Lock.Held> hold() {
    return Lock.Held.after(acquire(), this::release);
  }

  /** Returns a permit and hands it to the first pending waiter. */
  public void release() {
    assert inLoop();
    value++;
    wakeUpNext();
  }

  private boolean wakeUpNext() {
    for (Future<Boolean> w : waiters) {
      if (!w.done()) {
        value--;
        w.setResult(Boolean.TRUE);
        return true;
      }
    }
    return false;
  }

  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    String s = locked() ? "locked" : "unlocked, value:" + value;
    if (!waiters.isEmpty()) {
      s += ", waiters:" + waiters.size();
    }
    return getClass().getSimpleName() + "[" + s + "]";
  }

  private final class Acquire extends ToolkitCoroutine<Boolean> {
    private Future<Boolean> waiter;

    @Override
    Object run(Object v, Throwable failure) throws Throwable {
      if (waiter == null) {
        if (!locked()) {
          value--;
          return Boolean.TRUE;
        }
        waiter = loop(runningLoop()).createFuture();
        waiters.addLast(waiter);
        return awaitNext(waiter);
      }
      try {
        waiters.remove(waiter);
        if (failure != null) {
          if (failure instanceof CancelledException && waiter.done() && !waiter.cancelled()) {
            value++; // the permit was handed to us; give it back
          }
          throw failure;
        }
        return Boolean.TRUE;
      } finally {
        // Waiters that arrived meanwhile had to queue behind us (FIFO); wake as many as allowed.
        while (value > 0) {
          if (!wakeUpNext()) {
            break;
          }
        }
      }
    }
  }
}
