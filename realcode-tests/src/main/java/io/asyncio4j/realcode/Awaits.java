package io.asyncio4j.realcode;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

/**
 * The awaitables that the real-code differential test injects into library methods: {@code
 * await(ready(e))} finds a done future (the fast path), {@code await(suspending(e))} suspends the
 * coroutine until a {@code callSoon} callback completes the future. Both produce {@code e}'s value,
 * so a twin behaves like its original exactly when the processor lowered it right.
 */
public final class Awaits {
  private Awaits() {}

  /** A done future holding {@code value}: its await does not suspend. */
  public static <T> Future<T> ready(T value) {
    Future<T> f = Asyncio.getRunningLoop().createFuture();
    f.setResult(value);
    return f;
  }

  /** A pending future that a {@code callSoon} callback completes with {@code value}. */
  public static <T> Future<T> suspending(T value) {
    EventLoop loop = Asyncio.getRunningLoop();
    Future<T> f = loop.createFuture();
    loop.callSoon(() -> f.setResult(value));
    return f;
  }
}
