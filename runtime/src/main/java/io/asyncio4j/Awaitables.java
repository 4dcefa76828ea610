package io.asyncio4j;

/** Small awaitables the toolkit's {@code AsyncCloseable}s and iterators hand out. */
final class Awaitables {
  private Awaitables() {}

  /** A future of the running loop already completed with {@code value}: awaiting it never waits. */
  static <T> Future<T> done(T value) {
    Future<T> f = new Future<>(Asyncio.getRunningLoop());
    f.setResult(value);
    return f;
  }

  /** A coroutine that runs {@code action} when awaited and completes with its outcome. */
  static Coroutine<Void> running(ThrowingRunnable action) {
    return new ToolkitCoroutine<>() {
      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        action.run();
        return null;
      }
    };
  }

  /** A {@link Runnable} that may throw anything. */
  interface ThrowingRunnable {
    void run() throws Throwable;
  }
}
