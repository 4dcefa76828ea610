package io.asyncio4j;

import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for tasks, like {@code asyncio.Lock}: not owned by a task (any task may
 * release it) and not reentrant.
 *
 * <pre>{@code
 * try (Lock.Held h = await(lock.hold())) {   // async with lock:
 *   ... // critical section; may await
 * }
 * }</pre>
 *
 * <p>or, spelled out: {@code await(lock.acquire()); try { ... } finally { lock.release(); }}.
 *
 * <p><b>Fairness.</b> Strict FIFO: waiters acquire in arrival order, each {@link #release()} hands
 * the lock to exactly one waiter, and a newcomer never jumps ahead of a queued, uncancelled waiter.
 * Acquiring an unlocked lock with no live waiters completes without suspending.
 *
 * <p><b>Cancellation.</b> Cancelling a task blocked in {@link #acquire()} removes it from the queue
 * and delivers {@link CancelledException} without taking the lock. If the waiter had already been
 * woken (the lock was handed to it) when the cancellation arrived, the wake-up passes to the next
 * waiter, so the lock is never stranded with nobody coming to take it.
 *
 * <p><b>State.</b>
 *
 * <pre>
 * | locked | waiters   | meaning                                           |
 * |--------|-----------|---------------------------------------------------|
 * | false  | none live | free: acquire() succeeds without suspending        |
 * | false  | head done | handed over: the woken head will take it           |
 * | true   | any       | held: acquire() queues                             |
 *
 *   unlocked --acquire()--> locked --release()--> unlocked (+ wake first waiter)
 * </pre>
 *
 * <p><b>Invariants.</b> While the lock is free and a waiter is queued, the first queued waiter that
 * is not cancelled has been woken (its future is done), so it will run and take the lock. At most
 * one queued future is done-but-not-cancelled at a time.
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 */
public final class Lock extends LoopBound {
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private boolean locked;

  /** Creates an unlocked lock. */
  public Lock() {}

  /**
   * Whether the lock is held.
   *
   * @return whether it is held
   */
  public boolean locked() {
    return locked;
  }

  /**
   * Acquires the lock, waiting in FIFO order while it is held; the coroutine yields {@code true}.
   * Nothing happens until the coroutine is awaited.
   *
   * @return a coroutine with {@code true} once acquired
   */
  public Coroutine<Boolean> acquire() {
    return new Acquire();
  }

  /**
   * Acquires the lock like {@link #acquire()} and yields a {@link Lock.Held} that releases it when
   * a try-with-resources in an {@code @Async} method ends ({@code async with}):
   *
   * <pre>{@code
   * try (Lock.Held h = await(lock.hold())) {
   *   ... // may await
   * }                                  // released, also on an exception or cancellation
   * }</pre>
   *
   * Cancellation while waiting behaves as in {@link #acquire()}: nothing is held.
   *
   * @return a coroutine with the held lock, to release by closing it
   */
  public Coroutine<Lock.Held> hold() {
    return Lock.Held.after(acquire(), this::release);
  }

  /**
   * Releases the lock and wakes the first waiter.
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void release() {
    assert inLoop();
    if (!locked) {
      throw new IllegalStateException("Lock is not acquired");
    }
    locked = false;
    wakeUpFirst();
  }

  private boolean noLiveWaiters() {
    for (Future<Boolean> w : waiters) {
      if (!w.cancelled()) {
        return false;
      }
    }
    return true;
  }

  private void wakeUpFirst() {
    Future<Boolean> first = waiters.peekFirst();
    if (first != null && !first.done()) {
      first.setResult(Boolean.TRUE);
    }
  }

  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    String s = locked ? "locked" : "unlocked";
    if (!waiters.isEmpty()) {
      s += ", waiters:" + waiters.size();
    }
    return "Lock[" + s + "]";
  }

  private final class Acquire extends ToolkitCoroutine<Boolean> {
    private Future<Boolean> waiter;

    @Override
    Object run(Object value, Throwable failure) throws Throwable {
      if (waiter == null) {
        if (!locked && noLiveWaiters()) {
          locked = true;
          return Boolean.TRUE;
        }
        waiter = loop(runningLoop()).createFuture();
        waiters.addLast(waiter);
        return awaitNext(waiter);
      }
      waiters.remove(waiter);
      if (failure != null) {
        if (failure instanceof CancelledException && !locked) {
          wakeUpFirst();
        }
        throw failure;
      }
      locked = true;
      return Boolean.TRUE;
    }
  }

  /**
   * A held {@link Lock}, {@link Semaphore} permit or {@link Condition} lock, released by the end of
   * a try-with-resources in an {@code @Async} method; yielded by their {@code hold()}.
   *
   * <p>State: held until {@link #closeAsync(Throwable)}, which releases once; a second close is a
   * no-op. Threading: loop-confined.
   */
  public static final class Held implements AsyncCloseable {
    private Runnable release;

    private Held(Runnable release) {
      this.release = release;
    }

    /** A coroutine that awaits {@code acquire} and then yields a hold released by {@code release}. */
    static Coroutine<Held> after(Coroutine<Boolean> acquire, Runnable release) {
      return new ToolkitCoroutine<>() {
        private boolean acquired;

        @Override
        Object run(Object value, Throwable failure) throws Throwable {
          if (failure != null) {
            throw failure;
          }
          if (!acquired) {
            acquired = true;
            return awaitNext(acquire);
          }
          return new Held(release);
        }
      };
    }

    /** Releases what this holds (at once); the block's exception, if any, propagates unchanged. */
    @Override
    public Awaitable<Void> closeAsync(Throwable primary) {
      Runnable r = release;
      release = null;
      if (r != null) {
        r.run();
      }
      return Awaitables.done(null);
    }

    @Override
    public String toString() {
      return release == null ? "Held[released]" : "Held";
    }
  }
}
