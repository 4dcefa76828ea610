package io.asyncio4j;

import java.util.NoSuchElementException;

/**
 * The completions of a set of awaitables, in completion order, as the original {@link Future}s and
 * {@link Task}s (coroutines appear as the tasks that wrap them): asyncio 3.13's {@code async for f
 * in as_completed(aws)}. Returned by {@link Asyncio#asCompletedFutures}.
 *
 * <pre>{@code
 * for (Future<String> f : asCompletedFutures(tasks, Duration.ofSeconds(5))) {
 *   ...                                      // f is the next one to finish, done
 * }
 * }</pre>
 *
 * <p>An enhanced {@code for} in an {@code @Async} method awaits each completion (see {@link
 * AsyncIterable}); spelled out, it is {@code while (done.hasNext()) { Future<String> f =
 * await(done.next()); ... }}.
 *
 * <p>Iteration can stop early and resume later: each {@link #next()} takes the next completion.
 * When the timeout passes, the {@code next()} calls for the futures still outstanding throw {@link
 * AsyncTimeoutException}; nothing is cancelled.
 *
 * <p><b>Cancellation.</b> Cancelling the task awaiting {@code next()} throws {@link
 * CancelledException} in it and loses no completion: the next {@code next()} still yields it.
 *
 * <p><b>State.</b> {@code remaining} counts the completions not yet handed out by {@code next()};
 * {@link #hasNext()} is {@code remaining > 0}.
 *
 * <p><b>Invariants.</b> Completions enter an internal {@link Queue} in completion order, one per
 * distinct future (or one timeout marker each once the timeout passes).
 *
 * <p>Threading: loop-confined.
 *
 * @param <T> the futures' result type
 */
public final class AsCompleted<T> implements AsyncIterable<Future<T>> {
  private final Queue<Object> done;
  private int remaining;

  AsCompleted(Queue<Object> done, int count) {
    this.done = done;
    this.remaining = count;
  }

  /**
   * Whether {@link #next()} has a completion left to yield.
   *
   * @return whether a future is left to take with {@link #next()}
   */
  public boolean hasNext() {
    return remaining > 0;
  }

  /**
   * Waits for the next completion and yields that future, done.
   *
   * @return a coroutine that completes with the next future to finish
   * @throws NoSuchElementException if every completion has been handed out
   */
  public Coroutine<Future<T>> next() {
    if (remaining == 0) {
      throw new NoSuchElementException("every completion has been handed out");
    }
    remaining--;
    return Waiting.nextCompletion(done, true);
  }

  /**
   * The remaining completions, for an enhanced {@code for} in an {@code @Async} method; each step
   * awaits {@link #next()}. Leaving the loop early loses nothing: a later loop or {@code next()}
   * goes on with the next completion.
   */
  @Override
  public AsyncIterator<Future<T>> asyncIterator() {
    return new NextIterator<>(this::hasNext, this::next, e -> false);
  }
}
