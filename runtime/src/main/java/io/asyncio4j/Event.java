package io.asyncio4j;

import java.util.ArrayDeque;

/**
 * A flag that tasks can wait for, like {@code asyncio.Event}.
 *
 * <p>{@link #set()} wakes every waiter; waiters resume through the loop after the callbacks that
 * were already scheduled. A {@link #set()} followed by {@link #clear()} before the waiters run
 * still wakes them: a pulse is never lost.
 *
 * <p><b>Cancellation.</b> Cancelling a task blocked in {@link #waitSet()} removes its waiter and
 * delivers {@link CancelledException}; the event's flag is unaffected and other waiters are not
 * disturbed.
 *
 * <p><b>State.</b>
 *
 * <pre>
 * | set   | waiters          |
 * |-------|------------------|
 * | false | queued, pending  |
 * | true  | woken, draining  |
 *
 *   clear --set()--> set --clear()--> clear
 * </pre>
 *
 * <p><b>Invariants.</b> While the flag is set, no queued waiter is pending (each was woken by the
 * {@code set()} or arrived after it and returned at once).
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 */
public final class Event extends LoopBound {
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private boolean value;

  /** Creates an event whose flag is clear. */
  public Event() {}

  /**
   * Whether the flag is set.
   *
   * @return whether the flag is set
   */
  public boolean isSet() {
    return value;
  }

  /** Sets the flag and wakes every waiter. Does nothing if it is already set. */
  public void set() {
    assert inLoop();
    if (!value) {
      value = true;
      for (Future<Boolean> w : waiters) {
        if (!w.done()) {
          w.setResult(Boolean.TRUE);
        }
      }
    }
  }

  /** Clears the flag; later {@link #waitSet()} calls block until the next {@link #set()}. */
  public void clear() {
    assert inLoop();
    value = false;
  }

  /**
   * Waits until the flag is set; yields {@code true}. (asyncio's {@code Event.wait()}; renamed
   * because {@link Object#wait()} is final.) Returns at once, without suspending, when it is
   * already set.
   *
   * @return a coroutine with {@code true} once the flag is set
   */
  public Coroutine<Boolean> waitSet() {
    return new Wait();
  }

  int waiterCount() {
    return waiters.size();
  }

  @Override
  public String toString() {
    String s = value ? "set" : "unset";
    if (!waiters.isEmpty()) {
      s += ", waiters:" + waiters.size();
    }
    return "Event[" + s + "]";
  }

  private final class Wait extends ToolkitCoroutine<Boolean> {
    private Future<Boolean> waiter;

    @Override
    Object run(Object v, Throwable failure) throws Throwable {
      if (waiter == null) {
        if (value) {
          return Boolean.TRUE;
        }
        waiter = loop(runningLoop()).createFuture();
        waiters.addLast(waiter);
        return awaitNext(waiter);
      }
      waiters.remove(waiter);
      if (failure != null) {
        throw failure;
      }
      return Boolean.TRUE;
    }
  }
}
