package io.asyncio4j;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * An asynchronous generator: an {@code @Async} body that emits values with awaits between them,
 * consumed with an enhanced {@code for} in an {@code @Async} method (Python's {@code async def}
 * with {@code yield}). Created by {@link Asyncio#generator(Function)}; each {@link
 * #asyncIterator()} runs the body afresh.
 *
 * <p><b>Semantics</b> (asyncio's async generators, with C#'s deterministic disposal):
 *
 * <ul>
 *   <li>Lazy: the body starts when the consumer first awaits {@code hasNext()}, and each {@code
 *       await(out.emit(v))} holds it until the consumer asks for the next value.
 *   <li>An exception the body throws is thrown at the consumer's {@code hasNext()} (the loop).
 *   <li>Cancelling the consumer while it waits for a value cancels the body at its current await.
 *   <li>Leaving the loop early (break, return, an exception, cancellation) closes the iterator:
 *       the body is cancelled at its pending emit (or current await), so its {@code finally}
 *       blocks run, and the close waits for it to finish. An exception other than the cancellation
 *       that the body throws while closing propagates from the close.
 * </ul>
 *
 * <p>The body runs as a task of its own (created in the consumer's context, see {@link
 * ContextVar}), handing each value over through the loop: about two loop iterations per value.
 *
 * <p>Threading: loop-confined.
 *
 * @param <T> the type of the values
 */
public final class Generator<T> implements AsyncIterable<T> {
  private final Function<? super Emitter<T>, ? extends Coroutine<?>> body;

  Generator(Function<? super Emitter<T>, ? extends Coroutine<?>> body) {
    this.body = Objects.requireNonNull(body, "body");
  }

  @Override
  public AsyncIterator<T> asyncIterator() {
    return new Run<>(body);
  }

  /**
   * One run of the body.
   *
   * <pre>
   * | state    | producer            | item (consumer waits) | demand (body waits)     |
   * |----------|---------------------|-----------------------|-------------------------|
   * | new      | null                | null                  | null                    |
   * | asking   | running, pending    | pending               | null or being completed |
   * | holding  | suspended in emit   | done (true)           | pending                 |
   * | finished | done                | done                  | null                    |
   *
   *   new --hasNext()--> asking --emit(v)--> holding --hasNext()--> asking
   *   asking --body returns/throws--> finished ; any --closeAsync()--> finished
   * </pre>
   *
   * <p>Invariants: at most one of {@code item} (pending) and {@code demand} (pending) exists; the
   * producer is cancelled at most by the consumer's cancellation or by the close.
   */
  private static final class Run<T> implements AsyncIterator<T>, Emitter<T> {
    private final Function<? super Emitter<T>, ? extends Coroutine<?>> body;
    private Task<?> producer;
    private Future<Boolean> item;
    private Future<Void> demand;
    private T next;
    private boolean ready;
    private boolean closed;

    /** Whether a hasNext() threw the body's exception (which the next hasNext() otherwise does). */
    private boolean failureDelivered;

    Run(Function<? super Emitter<T>, ? extends Coroutine<?>> body) {
      this.body = body;
    }

    @Override
    public Awaitable<Boolean> hasNext() {
      EventLoop loop = Asyncio.getRunningLoop();
      if (!closed && !failureDelivered && producer != null && producer.done()
          && !producer.cancelled() && producer.exception() != null) {
        // The body failed while no hasNext() was waiting (an emit it did not await).
        failureDelivered = true;
        Future<Boolean> failed = loop.createFuture();
        failed.setException(producer.exception());
        return failed;
      }
      if (closed || (producer != null && producer.done())) {
        return Awaitables.done(Boolean.FALSE);
      }
      if (item != null && !item.done()) {
        throw new IllegalStateException("hasNext() is already awaited");
      }
      Future<Boolean> f = loop.createFuture();
      item = f;
      f.addDoneCallback(
          x -> {
            if (x.cancelled() && producer != null && !producer.done()) {
              producer.cancel(); // the consumer was cancelled: so is the body, where it waits
            }
          });
      if (producer == null) {
        Coroutine<?> coro = Objects.requireNonNull(body.apply(this), "generator body returned null");
        producer = loop.createTask(coro);
        producer.addDoneCallback(this::producerDone);
      } else {
        Future<Void> d = demand;
        demand = null;
        d.setResult(null);
      }
      return f;
    }

    private void producerDone(Future<?> p) {
      Future<Boolean> f = item;
      if (p.cancelled()) {
        if (f != null && !f.done()) {
          f.cancel();
        }
        return;
      }
      Throwable e = p.exception();
      if (f != null && !f.done()) {
        if (e != null) {
          failureDelivered = true;
          f.setException(e);
        } else {
          f.setResult(Boolean.FALSE);
        }
      }
    }

    @Override
    public Awaitable<Void> emit(T value) {
      if (closed) {
        throw new IllegalStateException("emit after the generator was closed");
      }
      if (demand != null || item == null || item.done()) {
        throw new IllegalStateException(
            "emit before the previous emit was awaited (write await(out.emit(value)))");
      }
      next = value;
      ready = true;
      Future<Void> d = item.getLoop().createFuture();
      demand = d;
      item.setResult(Boolean.TRUE);
      return d;
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

    @Override
    public Awaitable<?> closeAsync(Throwable primary) {
      closed = true;
      Task<?> p = producer;
      if (p == null || p.done()) {
        return Awaitables.done(null);
      }
      p.cancel();
      return new ToolkitCoroutine<Void>() {
        private int cancellingBefore = -1;

        @Override
        Object run(Object value, Throwable failure) throws Throwable {
          if (cancellingBefore < 0) {
            cancellingBefore = Asyncio.currentTask().cancelling();
            return awaitNext(p);
          }
          // The body's own end by the close's cancellation is not an error; the consumer's is.
          boolean bodyCancelled =
              failure instanceof CancelledException
                  && p.cancelled()
                  && Asyncio.currentTask().cancelling() <= cancellingBefore;
          if (failure != null && !bodyCancelled) {
            throw failure;
          }
          return null;
        }
      };
    }

    @Override
    public String toString() {
      return "Generator[" + (producer == null ? "new" : producer.done() ? "finished" : "running")
          + "]";
    }
  }
}
