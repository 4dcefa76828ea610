package io.asyncio4j;

import java.time.Duration;

/**
 * A callback scheduled for a time with {@link EventLoop#callLater(Duration, Runnable)} or {@link
 * EventLoop#callAt(long, Runnable)}; asyncio's {@code TimerHandle}.
 *
 * <p>States: as {@link Handle}. A cancelled timer stays in the loop's timer heap until its
 * deadline (or until the loop compacts the heap) but never runs.
 *
 * <p>Invariants: {@link #when()} never changes.
 *
 * <p>Threading: loop-confined, except {@link #cancelled()} and {@link #when()}.
 */
public final class TimerHandle extends Handle {
  private final EventLoop loop;
  private final long when;

  /** Whether the handle is still in the loop's timer heap. */
  boolean scheduled = true;

  TimerHandle(EventLoop loop, long when, Runnable callback) {
    super(callback);
    this.loop = loop;
    this.when = when;
  }

  /**
   * The deadline, in the loop's {@link EventLoop#time()} nanoseconds.
   *
   * @return the deadline in loop time
   */
  public long when() {
    return when;
  }

  @Override
  public void cancel() {
    if (!cancelled()) {
      super.cancel();
      if (scheduled) {
        loop.timerCancelled();
      }
    }
  }

  @Override
  public String toString() {
    return "TimerHandle[when=" + when + (cancelled() ? " cancelled]" : " " + callback() + "]");
  }
}
