package io.asyncio4j;

import java.util.Iterator;

/**
 * A source of elements that arrive over time, iterated in an {@code @Async} method with an
 * enhanced {@code for} whose every step is awaited (Python's {@code async for}, C#'s {@code await
 * foreach}):
 *
 * <pre>{@code
 * for (String line : reader.lines()) {   // async for line in reader:
 *   handle(line);                          //   each element is awaited
 * }                                        // leaving early closes the iterator (awaited)
 * }</pre>
 *
 * <p>It extends {@link Iterable} only so that the loop compiles as plain Java: {@link #iterator()}
 * throws, and the processor reports a {@code for} over an {@code AsyncIterable} outside an {@code
 * @Async} body. See {@link AsyncIterator} for the protocol and for when the iterator is closed.
 *
 * <p>The toolkit's: {@link io.asyncio4j.streams.StreamReader#lines()} and {@link
 * io.asyncio4j.streams.StreamReader#chunks(int)}, a {@link Queue} (until it is shut down), {@link
 * AsCompleted}, and generators ({@link Asyncio#generator}).
 *
 * @param <T> the element type
 */
public interface AsyncIterable<T> extends Iterable<T> {
  /**
   * A new cursor over the elements.
   *
   * @return a new iterator, positioned before the first element
   */
  AsyncIterator<T> asyncIterator();

  /**
   * Unsupported: the elements arrive asynchronously, so a {@code for} over them must await each
   * one, which only an {@code @Async} method does.
   *
   * @throws UnsupportedOperationException always, naming the fix
   */
  @Override
  default Iterator<T> iterator() {
    throw new UnsupportedOperationException(
        getClass().getName()
            + " is an AsyncIterable: a for loop over it awaits each element and works only in an"
            + " @Async method; outside one, drive asyncIterator() with await(it.hasNext())");
  }
}
