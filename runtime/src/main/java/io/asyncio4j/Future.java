package io.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The eventual result of an operation, bound to one {@link EventLoop}; asyncio's {@code Future}.
 * Create one with {@link EventLoop#createFuture()}, complete it with {@link #setResult} or {@link
 * #setException}, and {@code await} it from a coroutine.
 *
 * <p>States:
 *
 * <pre>
 * | state     | done() | cancelled() | result()                       | exception()           |
 * |-----------|--------|-------------|--------------------------------|-----------------------|
 * | pending   | false  | false       | InvalidStateException          | InvalidStateException |
 * |           |        |             |   "Result is not set."         | "Exception is not set."|
 * | finished  | true   | false       | the value                      | null                  |
 * |  (result) |        |             |                                |                       |
 * | finished  | true   | false       | throws the exception (as is)   | the exception         |
 * |  (failed) |        |             |                                |                       |
 * | cancelled | true   | true        | CancelledException(msg)        | CancelledException    |
 *
 *            +--setResult(v)------&gt; finished (result)
 *   pending -+--setException(e)---&gt; finished (failed)
 *            +--cancel(msg)-------&gt; cancelled
 * </pre>
 *
 * <p>A done future never changes again: {@code setResult}/{@code setException} throw {@link
 * InvalidStateException}{@code ("invalid state")} and {@code cancel} returns {@code false}.
 *
 * <p>Done callbacks are never called inline: on completion each one is scheduled with {@code
 * callSoon}, in registration order, and one added to a done future is scheduled at once.
 *
 * <p>A failed future whose exception nobody retrieved ({@code result()}, {@code exception()},
 * {@code await}, or {@code cancel()} after the failure) is reported to the loop's exception
 * handler as {@code "Future exception was never retrieved"} when it becomes unreachable. This
 * costs nothing for futures that do not fail.
 *
 * <p>Invariants: while pending, {@code callbacks} holds the registered callbacks (null, the one
 * callback, or a {@link CallbackList}) and {@code value} is null; once done, the callbacks have
 * been scheduled and {@code callbacks} holds at most the unretrieved-exception tracker.
 *
 * <p>Threading: loop-confined (see {@link #toCompletableFuture()} for use from other threads).
 *
 * @param <T> the result type
 */
public class Future<T> implements Awaitable<T> {
  static final byte PENDING = 0;
  static final byte RESULT = 1;
  static final byte EXCEPTION = 2;
  static final byte CANCELLED = 3;

  final EventLoop loop;
  byte state;

  /** The result, the exception, or (cancelled) the message or the CancelledException. */
  Object value;

  /** Pending: the callbacks. Done: null or an {@link Unretrieved} tracker. */
  Object callbacks;

  Future(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Whether the future has a result, an exception, or was cancelled.
   *
   * @return whether it has a result, an exception or was cancelled
   */
  public final boolean done() {
    return state != PENDING;
  }

  /**
   * Whether the future was cancelled.
   *
   * @return whether it was cancelled
   */
  public final boolean cancelled() {
    return state == CANCELLED;
  }

  /**
   * The result. A failed future throws its exception, as is, even a checked one (it is rethrown
   * without being declared); a cancelled one throws {@link CancelledException} with the cancel
   * message.
   *
   * @return the result
   * @throws InvalidStateException {@code "Result is not set."} while pending
   */
  @SuppressWarnings("unchecked")
  public final T result() {
    assert loop.inLoop();
    switch (state) {
      case RESULT:
        return (T) value;
      case EXCEPTION:
        markRetrieved();
        throw Throwables.sneakyThrow((Throwable) value);
      case CANCELLED:
        throw cancelledException();
      default:
        throw new InvalidStateException(
            "Result is not set. "
                + this
                + " is still pending; await it (await(f) in an @Async method) or add a done"
                + " callback instead of calling result() before done()");
    }
  }

  /**
   * The exception the future failed with, or {@code null} if it has a result.
   *
   * @return the exception, or {@code null} if it has a result
   * @throws CancelledException if it was cancelled
   * @throws InvalidStateException {@code "Exception is not set."} while pending
   */
  public final Throwable exception() {
    assert loop.inLoop();
    switch (state) {
      case RESULT:
        return null;
      case EXCEPTION:
        markRetrieved();
        return (Throwable) value;
      case CANCELLED:
        throw cancelledException();
      default:
        throw new InvalidStateException(
            "Exception is not set. "
                + this
                + " is still pending; await it (await(f) in an @Async method) or add a done"
                + " callback instead of calling exception() before done()");
    }
  }

  /**
   * Completes the future with {@code result} and schedules its callbacks.
   *
   * @param result the result
   * @throws InvalidStateException {@code "invalid state"} if it is already done
   */
  public void setResult(T result) {
    assert loop.inLoop();
    loop.checkThread();
    if (state != PENDING) {
      throw new InvalidStateException("invalid state");
    }
    value = result;
    state = RESULT;
    scheduleCallbacks();
  }

  /**
   * Completes the future with {@code exception} and schedules its callbacks.
   *
   * @param exception the exception
   * @throws InvalidStateException {@code "invalid state"} if it is already done
   */
  public void setException(Throwable exception) {
    assert loop.inLoop();
    loop.checkThread();
    Objects.requireNonNull(exception, "exception");
    if (state != PENDING) {
      throw new InvalidStateException("invalid state");
    }
    value = exception;
    state = EXCEPTION;
    scheduleCallbacks();
    trackUnretrieved("Future exception was never retrieved");
  }

  /**
   * {@link #cancel(String)} without a message.
   *
   * @return whether it was pending (and is now cancelled)
   */
  public final boolean cancel() {
    return cancel(null);
  }

  /**
   * Cancels the future if it is pending and schedules its callbacks; the {@link
   * CancelledException} it then throws carries {@code msg}.
   *
   * @param msg the message of the {@link CancelledException}, or {@code null}
   * @return {@code true} if the future was pending, {@code false} if it was already done
   */
  public boolean cancel(String msg) {
    assert loop.inLoop();
    loop.checkThread();
    if (state != PENDING) {
      markRetrieved();
      return false;
    }
    value = msg;
    state = CANCELLED;
    scheduleCallbacks();
    return true;
  }

  /**
   * Schedules {@code callback(this)} with {@code callSoon} when the future is done, or at once if
   * it already is. Callbacks run in registration order; an exception from one goes to the loop's
   * exception handler.
   *
   * @param callback what to call with this future once it is done
   */
  public final void addDoneCallback(Consumer<? super Future<T>> callback) {
    assert loop.inLoop();
    loop.checkThread();
    Objects.requireNonNull(callback, "callback");
    if (state != PENDING) {
      loop.schedule(callback, this);
    } else {
      addListener(callback);
    }
  }

  /**
   * Removes every registration of {@code callback} (compared with {@code equals}) that has not
   * been scheduled yet.
   *
   * @param callback the callback to remove
   * @return how many registrations were removed
   */
  public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
    assert loop.inLoop();
    loop.checkThread();
    return removeListener(callback);
  }

  /**
   * The loop this future belongs to.
   *
   * @return the loop the future belongs to
   */
  public final EventLoop getLoop() {
    return loop;
  }

  /**
   * A {@link CompletableFuture} that completes (on the loop thread, one {@code callSoon} after
   * this future, or at once if this future is already done) with this future's result or
   * exception; a cancelled future completes it with {@link CancelledException}, so {@code
   * isCancelled()} is true. Cancelling the returned future from any thread cancels this one
   * through {@link EventLoop#callSoonThreadsafe(Runnable)}. Call this method on the loop thread;
   * the returned future may then be used from any thread.
   *
   * @return a CompletableFuture that completes with this future's outcome
   */
  public CompletableFuture<T> toCompletableFuture() {
    assert loop.inLoop();
    Bridge<T> b = new Bridge<>(this);
    if (state != PENDING) {
      b.onDone(this);
    } else {
      addListener(b);
    }
    return b;
  }

  // ---------------------------------------------------------------- internals

  /** For a done future: its value, or throws its exception (marking it retrieved). */
  final Object outcomeForAwait() throws Throwable {
    switch (state) {
      case RESULT:
        return value;
      case EXCEPTION:
        markRetrieved();
        throw (Throwable) value;
      default:
        throw cancelledException();
    }
  }

  /** The exception a cancelled future throws. */
  CancelledException cancelledException() {
    Object v = value;
    if (v instanceof CancelledException) {
      return (CancelledException) v;
    }
    return new CancelledException((String) v);
  }

  /** The cancel message of a cancelled future, or {@code null}. */
  final String cancelMessage() {
    Object v = value;
    return v instanceof CancelledException ? ((CancelledException) v).getMessage() : (String) v;
  }

  /** Whether {@code listener} (compared by identity) is registered and not yet scheduled. */
  final boolean hasListener(Object listener) {
    Object c = callbacks;
    if (c == listener) {
      return true;
    }
    if (c instanceof CallbackList) {
      CallbackList list = (CallbackList) c;
      for (int i = 0; i < list.size; i++) {
        if (list.items[i] == listener) {
          return true;
        }
      }
    }
    return false;
  }

  final void addListener(Object listener) {
    Object c = callbacks;
    if (c == null) {
      callbacks = listener;
    } else if (c instanceof CallbackList) {
      ((CallbackList) c).add(listener);
    } else {
      CallbackList list = new CallbackList();
      list.add(c);
      list.add(listener);
      callbacks = list;
    }
  }

  final int removeListener(Object listener) {
    if (state != PENDING) {
      return 0;
    }
    Object c = callbacks;
    if (c instanceof CallbackList) {
      CallbackList list = (CallbackList) c;
      int removed = list.remove(listener);
      if (list.size == 0) {
        callbacks = null;
      }
      return removed;
    }
    if (c != null && Objects.equals(c, listener)) {
      callbacks = null;
      return 1;
    }
    return 0;
  }

  final void scheduleCallbacks() {
    Object c = callbacks;
    if (c == null) {
      return;
    }
    callbacks = null;
    if (c instanceof CallbackList) {
      CallbackList list = (CallbackList) c;
      Object[] items = list.items;
      for (int i = 0, n = list.size; i < n; i++) {
        loop.schedule(items[i], this);
      }
    } else {
      loop.schedule(c, this);
    }
  }

  /** Arms the "exception was never retrieved" report for a future that just failed. */
  final void trackUnretrieved(String message) {
    Unretrieved u = new Unretrieved(loop, message, (Throwable) value, trackerSource());
    u.cleanable = Unretrieved.CLEANER.register(this, u);
    callbacks = u;
    loop.unretrievedAdded(u);
  }

  /** How the report names this future (must not reference it, or it never becomes garbage). */
  String trackerSource() {
    return "Future";
  }

  final void markRetrieved() {
    if (state == EXCEPTION && callbacks instanceof Unretrieved) {
      Unretrieved u = (Unretrieved) callbacks;
      callbacks = null;
      u.settle();
      loop.unretrievedSettled(u);
      u.cleanable.clean();
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
    describeState(sb);
    return sb.append(']').toString();
  }

  void describeState(StringBuilder sb) {
    switch (state) {
      case PENDING:
        sb.append("pending");
        describeCallbacks(sb);
        break;
      case RESULT:
        sb.append("finished result=");
        appendValue(sb, value);
        break;
      case EXCEPTION:
        sb.append("finished exception=").append(value);
        break;
      default:
        sb.append("cancelled");
        break;
    }
  }

  final void describeCallbacks(StringBuilder sb) {
    Object c = callbacks;
    if (c == null) {
      return;
    }
    sb.append(" cb=[");
    if (c instanceof CallbackList) {
      CallbackList list = (CallbackList) c;
      for (int i = 0; i < list.size; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        describeCallback(sb, list.items[i]);
      }
    } else {
      describeCallback(sb, c);
    }
    sb.append(']');
  }

  private static void describeCallback(StringBuilder sb, Object cb) {
    if (cb instanceof Task) {
      sb.append(((Task<?>) cb).getName()).append(".wakeup");
    } else {
      sb.append(cb);
    }
  }

  static void appendValue(StringBuilder sb, Object v) {
    if (v instanceof CharSequence) {
      sb.append('"').append(v).append('"');
    } else {
      sb.append(v);
    }
  }

  /** Two or more callbacks of a pending future, in registration order. */
  static final class CallbackList {
    Object[] items = new Object[4];
    int size;

    void add(Object cb) {
      if (size == items.length) {
        items = java.util.Arrays.copyOf(items, size * 2);
      }
      items[size++] = cb;
    }

    int remove(Object cb) {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (!Objects.equals(items[i], cb)) {
          items[kept++] = items[i];
        }
      }
      int removed = size - kept;
      java.util.Arrays.fill(items, kept, size, null);
      size = kept;
      return removed;
    }
  }

  /**
   * Reports an exception nobody retrieved when its future is collected, or when its loop closes
   * first ({@link EventLoop#close()}), whichever comes first; at most once. Holds no reference to
   * the future. Runs on the Cleaner's thread, so it posts to the loop with {@code
   * callSoonThreadsafe}.
   */
  static final class Unretrieved implements Runnable {
    static final Cleaner CLEANER = Cleaner.create();

    private final EventLoop loop;
    private final String message;
    private final Throwable exception;
    private final String source;
    private final java.util.concurrent.atomic.AtomicBoolean settled =
        new java.util.concurrent.atomic.AtomicBoolean();
    Cleaner.Cleanable cleanable;

    Unretrieved(EventLoop loop, String message, Throwable exception, String source) {
      this.loop = loop;
      this.message = message;
      this.exception = exception;
      this.source = source;
    }

    /** Marks it retrieved or reported; true for the one caller that gets to report it. */
    boolean settle() {
      return settled.compareAndSet(false, true);
    }

    /** The report's context. */
    ExceptionContext context() {
      return new ExceptionContext(message, exception, source);
    }

    @Override
    public void run() {
      if (settle()) {
        loop.reportFromAnyThread(context(), this);
      }
    }
  }

  /** The {@link CompletableFuture} view of a loop future. */
  static final class Bridge<T> extends CompletableFuture<T> implements DoneListener {
    private final Future<T> source;

    Bridge(Future<T> source) {
      this.source = source;
    }

    @SuppressWarnings("unchecked")
    @Override
    public void onDone(Future<?> f) {
      switch (f.state) {
        case RESULT:
          complete((T) f.value);
          break;
        case EXCEPTION:
          f.markRetrieved();
          completeExceptionally((Throwable) f.value);
          break;
        default:
          completeExceptionally(f.cancelledException());
          break;
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled && !source.loop.isClosed()) {
        try {
          source.loop.callSoonThreadsafe(new CancelSource(source));
        } catch (IllegalStateException closedMeanwhile) {
          // Nothing left to cancel on a closed loop.
        }
      }
      return cancelled;
    }
  }

  /** Cancels a loop future on its loop thread (posted from {@link Bridge#cancel}). */
  private static final class CancelSource implements Runnable {
    private final Future<?> target;

    CancelSource(Future<?> target) {
      this.target = target;
    }

    @Override
    public void run() {
      target.cancel();
    }
  }
}
