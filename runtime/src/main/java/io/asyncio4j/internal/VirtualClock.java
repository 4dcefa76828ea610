package io.asyncio4j.internal;

/**
 * A clock that moves only when told to, or when its loop has nothing ready and jumps to the next
 * timer. It starts at 0.
 *
 * <p>Not for users directly: create a loop with {@code EventLoop.withVirtualTime()}.
 *
 * <p>Invariants: the time never goes backwards.
 *
 * <p>Threading: thread-safe (the time is a volatile field; only the loop thread and tests that
 * own the loop advance it).
 */
public final class VirtualClock extends Clock {
  private volatile long now;

  @Override
  public long nanoTime() {
    return now;
  }

  /** Moves the time forward by {@code nanos}. */
  public void advance(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= 0)");
    }
    now += nanos;
  }

  @Override
  public boolean skipWait(long timeoutNanos) {
    now += timeoutNanos;
    return true;
  }

  @Override
  public String toString() {
    return "VirtualClock[now=" + now + "ns]";
  }
}
