package io.asyncio4j.it;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Awaitable;
import io.asyncio4j.Future;
import java.time.Duration;

/**
 * Awaitables for the fixtures: in {@link #suspend} mode each really suspends (a 1 ms sleep on
 * virtual time), otherwise each is already done, so the await takes the fast path.
 */
public final class V {
  /** Whether awaitables suspend; tests run every fixture both ways. */
  public static boolean suspend;

  private V() {}

  /** An awaitable that yields {@code value}. */
  public static <T> Awaitable<T> v(T value) {
    if (suspend) {
      return Asyncio.sleep(Duration.ofMillis(1), value);
    }
    Future<T> f = Asyncio.getRunningLoop().createFuture();
    f.setResult(value);
    return f;
  }

  /** An awaitable that fails with {@code error}. */
  public static <T> Awaitable<T> fail(Throwable error) {
    Future<T> f = Asyncio.getRunningLoop().createFuture();
    if (suspend) {
      Asyncio.getRunningLoop().callLater(Duration.ofMillis(1), () -> f.setException(error));
    } else {
      f.setException(error);
    }
    return f;
  }
}
