package io.asyncio4j;

/**
 * A callback scheduled with {@link EventLoop#callSoon(Runnable)} or {@link
 * EventLoop#callSoonThreadsafe(Runnable)}; asyncio's {@code Handle}.
 *
 * <p>States:
 *
 * <pre>
 * | state     | cancelled() | what the loop does when its turn comes |
 * |-----------|-------------|----------------------------------------|
 * | scheduled | false       | runs the callback                      |
 * | cancelled | true        | skips it                               |
 *
 *   scheduled --cancel()--&gt; cancelled
 * </pre>
 *
 * <p>Invariants: a cancelled handle holds no reference to its callback.
 *
 * <p>Threading: loop-confined, except that {@link #cancelled()} may be read from any thread.
 */
public class Handle {
  private Runnable callback;
  private volatile boolean cancelled;

  Handle(Runnable callback) {
    this.callback = callback;
  }

  /**
   * Prevents the callback from running if it has not run yet, and drops the reference to it.
   * Cancelling twice, or after it ran, does nothing.
   */
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      callback = null;
    }
  }

  /**
   * Whether {@link #cancel()} was called.
   *
   * @return whether it was cancelled
   */
  public boolean cancelled() {
    return cancelled;
  }

  /** Runs the callback unless cancelled; called by the loop. */
  void run() {
    Runnable cb = callback;
    if (cb != null && !cancelled) {
      cb.run();
    }
  }

  Runnable callback() {
    return callback;
  }

  @Override
  public String toString() {
    Runnable cb = callback;
    return getClass().getSimpleName() + (cancelled ? "[cancelled]" : "[" + cb + "]");
  }
}
