package io.asyncio4j;

/**
 * Base of the toolkit's hand-written coroutines: a trampoline that turns the {@code step()}
 * protocol into one method, {@link #run(Object, Throwable)}, called once at the start and once
 * after every await with that await's outcome.
 *
 * <p>{@code run} either returns the coroutine's result, throws its exception, or returns {@link
 * #awaitNext(Awaitable)} to await something; the subclass keeps its own position in fields. An
 * awaitable that is already done (or a coroutine that finishes without suspending) is fed back into
 * {@code run} at once, without a trip through the loop.
 *
 * <p>Threading: loop-confined, like every coroutine.
 *
 * @param <T> the coroutine's result type
 */
abstract class ToolkitCoroutine<T> extends Coroutine<T> {
  private static final Object AWAIT = new Object();

  /** What the last {@link #awaitNext} asked for, kept while suspended; see {@link #awaited()}. */
  private Awaitable<?> next;
  private boolean started;

  /**
   * One leg of the body.
   *
   * @param value the previous await's value ({@code null} on the first call or after a failure)
   * @param failure the previous await's exception, or {@code null}
   * @return the result, or {@link #awaitNext(Awaitable)}
   */
  abstract Object run(Object value, Throwable failure) throws Throwable;

  /** Asks the trampoline to await {@code awaitable} and call {@link #run} with its outcome. */
  final Object awaitNext(Awaitable<?> awaitable) {
    next = awaitable;
    return AWAIT;
  }

  /**
   * In {@link #run}: the awaitable whose outcome {@code value}/{@code failure} is, or {@code null}
   * on the first call. Lets a subclass find what it waited for without a field of its own.
   */
  final Awaitable<?> awaited() {
    return next;
  }

  /** The loop running this coroutine: its task's loop (no thread-local lookup). */
  final EventLoop runningLoop() {
    return task.loop;
  }

  @Override
  protected final Object step() throws Throwable {
    Object value = null;
    Throwable failure = null;
    if (started) {
      try {
        value = resumeValue();
      } catch (Throwable t) {
        failure = t;
      }
    }
    started = true;
    while (true) {
      Object out;
      try {
        out = run(value, failure);
      } catch (Throwable t) {
        next = null;
        throw t;
      }
      if (out != AWAIT) {
        next = null;
        return out;
      }
      Awaitable<?> awaitable = next;
      try {
        value = await(awaitable);
        failure = null;
      } catch (Throwable t) {
        value = null;
        failure = t;
        continue;
      }
      if (value == SUSPENDED) {
        return SUSPENDED;
      }
    }
  }
}
