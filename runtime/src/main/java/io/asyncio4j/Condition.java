package io.asyncio4j;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks, like {@code asyncio.Condition}: a {@link Lock} plus a FIFO queue
 * of tasks waiting to be notified.
 *
 * <pre>{@code
 * try (Lock.Held h = await(cond.hold())) {   // async with cond:
 *   while (!ready) {
 *     await(cond.waitNotified());
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>asyncio's {@code wait()}, {@code notify(n)} and {@code notify_all()} are {@link
 * #waitNotified()}, {@link #signal(int)} and {@link #signalAll()} here, because {@link
 * Object#wait()}, {@link Object#notify()} and {@link Object#notifyAll()} are final.
 *
 * <p><b>Cancellation.</b> {@link #waitNotified()} releases the lock while it waits and always
 * re-acquires it before returning or throwing, also when the wait is cancelled: the lock is held
 * again when {@link CancelledException} propagates (further cancellations during the re-acquire are
 * remembered and the most recent one is thrown once the lock is held). A waiter that fails or is
 * cancelled after it was notified passes the notification on to the next waiter, so no wake-up is
 * lost (asyncio 3.13 behaviour; this may cause a spurious wake-up, which the condition-variable
 * protocol allows).
 *
 * <p><b>State.</b>
 *
 * <pre>
 * | waiter future | meaning                                           |
 * |---------------|---------------------------------------------------|
 * | pending       | queued, waiting for signal()                      |
 * | done          | notified; re-acquiring the lock                   |
 * | cancelled     | its task was cancelled; removed when it resumes    |
 *
 *   holding lock --waitNotified()--> queued --signal()--> re-acquiring --> holding lock
 * </pre>
 *
 * <p><b>Invariants.</b> A task inside {@link #waitNotified()} never holds the lock while queued,
 * and holds it again whenever the call completes, normally or not.
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 */
public final class Condition extends LoopBound {
  private final Lock lock;
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

  /** Creates a condition with a new lock. */
  public Condition() {
    this(new Lock());
  }

  /**
   * Creates a condition that shares {@code lock}'s state.
   *
   * @param lock the lock it uses
   */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /**
   * Whether the underlying lock is held.
   *
   * @return whether its lock is held
   */
  public boolean locked() {
    return lock.locked();
  }

  /**
   * Acquires the underlying lock; see {@link Lock#acquire()}.
   *
   * @return a coroutine with {@code true} once its lock is acquired
   */
  public Coroutine<Boolean> acquire() {
    return lock.acquire();
  }

  /**
   * Acquires the condition's lock like {@link #acquire()} and yields a {@link Lock.Held} that releases it when
   * a try-with-resources in an {@code @Async} method ends ({@code async with}):
   *
   * <pre>{@code
   * try (Lock.Held h = await(cond.hold())) {
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

  /** Releases the underlying lock; see {@link Lock#release()}. */
  public void release() {
    lock.release();
  }

  /**
   * Releases the lock, waits until signalled, then re-acquires the lock; yields {@code true}
   * (asyncio's {@code Condition.wait()}).
   *
   * @return a coroutine with {@code true} once notified and the lock reacquired
   * @throws IllegalStateException (at the await) if the lock is not held
   */
  public Coroutine<Boolean> waitNotified() {
    return new Wait();
  }

  /**
   * Waits until {@code predicate} is true, re-checking it after each notification; yields {@code
   * true}. If it is already true, returns at once without touching the lock.
   *
   * @param predicate what to wait for
   * @return a coroutine with {@code true} once the predicate is true
   */
  public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new ToolkitCoroutine<>() {
      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        if (failure != null) {
          throw failure;
        }
        if (predicate.getAsBoolean()) {
          return Boolean.TRUE;
        }
        return awaitNext(waitNotified());
      }
    };
  }

  /**
   * Wakes up to {@code n} waiters, in FIFO order (asyncio's {@code notify(n)}).
   *
   * @param n how many waiters to wake at most
   * @throws IllegalStateException if the lock is not held
   */
  public void signal(int n) {
    assert inLoop();
    if (!locked()) {
      throw new IllegalStateException("cannot notify on un-acquired lock");
    }
    wake(n);
  }

  /** Wakes one waiter; see {@link #signal(int)}. */
  public void signal() {
    signal(1);
  }

  /**
   * Wakes every waiter (asyncio's {@code notify_all()}).
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void signalAll() {
    signal(waiters.size());
  }

  private void wake(int n) {
    int woken = 0;
    for (Future<Boolean> w : waiters) {
      if (woken >= n) {
        break;
      }
      if (!w.done()) {
        woken++;
        w.setResult(Boolean.FALSE);
      }
    }
  }

  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    String s = locked() ? "locked" : "unlocked";
    if (!waiters.isEmpty()) {
      s += ", waiters:" + waiters.size();
    }
    return "Condition[" + s + "]";
  }

  private final class Wait extends ToolkitCoroutine<Boolean> {
    private static final int START = 0;
    private static final int WAITING = 1;
    private static final int REACQUIRING = 2;

    private int label = START;
    private Future<Boolean> waiter;
    private Throwable outcome;
    private CancelledException lastCancel;

    @Override
    Object run(Object value, Throwable failure) throws Throwable {
      switch (label) {
        case START:
          if (!locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
          }
          lock.release();
          waiter = loop(runningLoop()).createFuture();
          waiters.addLast(waiter);
          label = WAITING;
          return awaitNext(waiter);
        case WAITING:
          waiters.remove(waiter);
          outcome = failure;
          label = REACQUIRING;
          return awaitNext(lock.acquire());
        default:
          if (failure instanceof CancelledException) {
            lastCancel = (CancelledException) failure;
            return awaitNext(lock.acquire());
          }
          Throwable toThrow = failure != null ? failure : lastCancel != null ? lastCancel : outcome;
          if (toThrow != null) {
            wake(1);
            throw toThrow;
          }
          return Boolean.TRUE;
      }
    }
  }
}
