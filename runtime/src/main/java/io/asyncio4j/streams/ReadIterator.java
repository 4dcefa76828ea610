package io.asyncio4j.streams;

import io.asyncio4j.AsyncIterable;
import io.asyncio4j.AsyncIterator;
import io.asyncio4j.Awaitable;
import io.asyncio4j.Coroutine;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The elements of a {@link StreamReader} as an {@link AsyncIterable}: each {@link #hasNext()}
 * awaits one read, and an empty read (EOF) ends the iteration. A read's exception (a reset
 * connection, an over-long line) is thrown at the {@code hasNext()} await.
 *
 * <p>States: {@code next == null} (nothing taken yet, or taken) or holding the element the last
 * {@code hasNext()} produced; {@code ended} once a read returned EOF. Invariant: at most one read is
 * in flight, as the reader allows. Threading: loop-confined.
 *
 * @param <T> the element type
 */
final class ReadIterator<T> implements AsyncIterator<T> {
  private final Supplier<Coroutine<byte[]>> read;
  private final Function<byte[], T> convert;
  private T next;
  private boolean ended;

  private ReadIterator(Supplier<Coroutine<byte[]>> read, Function<byte[], T> convert) {
    this.read = read;
    this.convert = convert;
  }

  /** An iterable whose every iterator reads with {@code read} and converts with {@code convert}. */
  static <T> AsyncIterable<T> of(Supplier<Coroutine<byte[]>> read, Function<byte[], T> convert) {
    return () -> new ReadIterator<>(read, convert);
  }

  @Override
  public Awaitable<Boolean> hasNext() {
    return new Coroutine<>() {
      private boolean started;

      @Override
      protected Object step() throws Throwable {
        Object r;
        if (!started) {
          started = true;
          if (ended) {
            return Boolean.FALSE;
          }
          r = await(read.get());
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
        } else {
          r = resumeValue();
        }
        byte[] data = (byte[]) r;
        if (data.length == 0) {
          ended = true;
          return Boolean.FALSE;
        }
        next = convert.apply(data);
        return Boolean.TRUE;
      }
    };
  }

  @Override
  public T next() {
    T n = next;
    if (n == null) {
      throw new NoSuchElementException("await hasNext() first");
    }
    next = null;
    return n;
  }
}
