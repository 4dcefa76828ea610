package io.asyncio4j;

import java.util.NoSuchElementException;

/**
 * The cursor of an {@link AsyncIterable}: {@link #hasNext()} is awaited (it waits for the next
 * element), {@link #next()} then takes that element without waiting. C#'s {@code
 * IAsyncEnumerator} ({@code MoveNextAsync}/{@code Current}/{@code DisposeAsync}) in Java's {@code
 * Iterator} shape.
 *
 * <p>An enhanced {@code for} in an {@code @Async} body drives it as
 *
 * <pre>{@code
 * AsyncIterator<T> it = source.asyncIterator();
 * try {
 *   while (await(it.hasNext())) { T x = it.next(); body }
 * } finally {
 *   await(it.closeAsync(primary));   // also after break, return, an exception, cancellation
 * }
 * }</pre>
 *
 * so an iterator that holds something (a generator's producer, a stream) releases it as soon as
 * the consumer leaves the loop, deterministically.
 *
 * <p>Threading: as the implementing type; the toolkit's are loop-confined.
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> extends AsyncCloseable {
  /**
   * Waits until the next element is available (yields {@code true}) or the iteration ended
   * (yields {@code false}). An exception of the source is thrown here.
   *
   * @return what to await: {@code true} if {@link #next()} has an element
   */
  Awaitable<Boolean> hasNext();

  /**
   * The element the last {@link #hasNext()} made available.
   *
   * @return the element
   * @throws NoSuchElementException unless the last awaited {@code hasNext()} yielded {@code true}
   *     and this element has not been taken yet
   */
  T next();

  /** Releases what the iterator holds; the default holds nothing and completes at once. */
  @Override
  default Awaitable<?> closeAsync(Throwable primary) {
    return Awaitables.done(null);
  }
}
