package io.asyncio4j.internal;

/**
 * The only source of time for an event loop: a monotonic nanosecond counter.
 *
 * <p>Not for users. The loop asks its clock for the time and, when it has nothing to run before
 * the next timer, lets the clock decide how to wait: {@link #SYSTEM} really waits; a {@link
 * VirtualClock} jumps straight to the deadline.
 *
 * <p>Threading: thread-safe.
 */
public abstract class Clock {
  /** Real monotonic time from {@link System#nanoTime()}. */
  public static final Clock SYSTEM =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public String toString() {
          return "SystemClock";
        }
      };

  protected Clock() {}

  /** The current time in nanoseconds; only differences between two readings are meaningful. */
  public abstract long nanoTime();

  /**
   * Called by the loop when it would otherwise block for {@code timeoutNanos} (&gt; 0) waiting for
   * its next timer. Returns {@code true} if the clock has advanced itself instead (virtual time),
   * {@code false} if the loop must really wait.
   */
  public boolean skipWait(long timeoutNanos) {
    return false;
  }
}
