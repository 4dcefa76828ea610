package io.asyncio4j;

import java.util.NoSuchElementException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An {@link AsyncIterator} whose every {@link #hasNext()} awaits one "take" ({@link Queue#get()},
 * {@link AsCompleted#next()}): the iteration ends when {@code more} says there is nothing left to
 * take, or the take throws an exception {@code end} accepts (a shut-down queue).
 *
 * <p>States: {@code ready} while holding an element the last {@code hasNext()} took and {@link
 * #next()} has not returned. Threading: loop-confined.
 *
 * @param <T> the element type
 */
final class NextIterator<T> implements AsyncIterator<T> {
  private final Supplier<Boolean> more;
  private final Supplier<? extends Awaitable<? extends T>> take;
  private final Predicate<Throwable> end;
  private T next;
  private boolean ready;

  NextIterator(
      Supplier<Boolean> more,
      Supplier<? extends Awaitable<? extends T>> take,
      Predicate<Throwable> end) {
    this.more = more;
    this.take = take;
    this.end = end;
  }

  @Override
  public Awaitable<Boolean> hasNext() {
    return new ToolkitCoroutine<>() {
      private boolean taking;

      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        if (!taking) {
          if (!more.get()) {
            return Boolean.FALSE;
          }
          taking = true;
          return awaitNext(take.get());
        }
        if (failure != null) {
          if (end.test(failure)) {
            return Boolean.FALSE;
          }
          throw failure;
        }
        @SuppressWarnings("unchecked")
        T v = (T) value;
        next = v;
        ready = true;
        return Boolean.TRUE;
      }
    };
  }

  @Override
  public T next() {
    if (!ready) {
      throw new NoSuchElementException("await hasNext() first");
    }
    ready = false;
    T n = next;
    next = null;
    return n;
  }
}
