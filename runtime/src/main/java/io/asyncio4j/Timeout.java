package io.asyncio4j;

import java.util.Objects;

/**
 * A deadline for the awaits of one task, like {@code asyncio.timeout()}: when it passes, the task
 * is cancelled, and the {@link CancelledException} that this raises at the current await is turned
 * into an {@link AsyncTimeoutException} when it leaves the timeout's scope.
 *
 * <p>From an {@code @Async} body, the usual form is {@code async with}, a try-with-resources: the
 * timeout starts when the resource is initialized and the end of the block awaits {@link
 * #closeAsync(Throwable)} (see {@link AsyncCloseable}):
 *
 * <pre>{@code
 * try (Timeout t = timeout(Duration.ofSeconds(2))) {   // async with asyncio.timeout(2) as t:
 *   a = await(first());
 *   if (slow) t.reschedule(getRunningLoop().time() + extra);
 *   b = await(second());
 * }                                    // AsyncTimeoutException here if the deadline passed
 * }</pre>
 *
 * <p>{@link #wrap(Awaitable)} guards one coroutine (typically another {@code @Async} method's
 * entry point), which runs inline in the current task:
 *
 * <pre>{@code
 * String page = await(timeout(Duration.ofSeconds(2), FetcherAsync.fetch(this, url)));
 * }</pre>
 *
 * <p>The explicit form is the {@code async with} block spelled out; {@link #exit(Throwable)} must
 * see the block's exception (or {@code null}) exactly once:
 *
 * <pre>{@code
 * Timeout t = timeout(Duration.ofSeconds(2)).enter();
 * Throwable failure = null;
 * try {
 *   a = await(first());
 *   if (slow) t.reschedule(getRunningLoop().time() + extra);
 *   b = await(second());
 * } catch (Throwable e) {
 *   failure = e;
 * }
 * t.exit(failure);   // rethrows failure, or throws AsyncTimeoutException if this timeout fired
 * }</pre>
 *
 * <p><b>Cancellation.</b> On expiry the timeout calls {@link Task#cancel()} on its task and records
 * that it did; at exit it calls {@link Task#uncancel()} once for that request, and converts the
 * {@link CancelledException} into {@link AsyncTimeoutException} (with the cancellation as its
 * cause) only if no other cancellation is pending, i.e. {@code uncancel()} brings the task's {@link
 * Task#cancelling()} count back to where it was at {@link #enter()}. So a cancellation from outside
 * propagates as {@link CancelledException} (even if the deadline also passed), nested timeouts that
 * expire together convert only in the outermost one, and a timeout entered in a {@code finally}
 * after a swallowed cancellation still works. Exceptions other than {@link CancelledException} pass
 * through unchanged (asyncio 3.12 behaviour).
 *
 * <p><b>State.</b>
 *
 * <pre>
 * | state    | expired() | reschedule()  |
 * |----------|-----------|---------------|
 * | created  | false     | error         |
 * | active   | false     | moves timer   |
 * | expiring | true      | error         |  timer fired, task cancel requested
 * | expired  | true      | error         |  exited after firing
 * | finished | false     | error         |  exited without firing
 *
 *   created --enter()--> active --deadline--> expiring --exit()--> expired
 *                          \--exit()--> finished
 * </pre>
 *
 * <p><b>Invariants.</b> A timer is scheduled only in the active state. The timeout cancels its task
 * at most once and uncancels it at most once, at exit.
 *
 * <p>Threading: loop-confined.
 */
public final class Timeout implements AsyncCloseable {
  private enum State {
    CREATED("created"),
    ENTERED("active"),
    EXPIRING("expiring"),
    EXPIRED("expired"),
    EXITED("finished");

    final String text;

    State(String text) {
      this.text = text;
    }
  }

  private State state = State.CREATED;
  private Long when;
  private Handle handle;
  private Task<?> task;
  private int cancellingOnEntry;

  /** A timeout with deadline {@code when} in {@link EventLoop#time()} nanoseconds; null: never. */
  Timeout(Long when) {
    this.when = when;
  }

  /**
   * The deadline in {@link EventLoop#time()} nanoseconds, or {@code null} when disabled.
   *
   * @return the deadline in loop time, or {@code null} for none
   */
  public Long when() {
    return when;
  }

  /**
   * Whether the deadline passed and the timeout cancelled its task.
   *
   * @return whether the deadline passed while the body ran (it was cancelled for it)
   */
  public boolean expired() {
    return state == State.EXPIRING || state == State.EXPIRED;
  }

  /**
   * Moves the deadline to {@code when} (loop time in nanoseconds); {@code null} disables it. A
   * deadline at or before now fires on the next loop iteration.
   *
   * @param when the new deadline in loop time, or {@code null} for none
   * @throws IllegalStateException unless the timeout is active
   */
  public void reschedule(Long when) {
    assert task == null || task.getLoop().inLoop();
    if (state != State.ENTERED) {
      if (state == State.CREATED) {
        throw new IllegalStateException("Timeout has not been entered");
      }
      throw new IllegalStateException("Cannot change state of " + state.text + " Timeout");
    }
    this.when = when;
    if (handle != null) {
      handle.cancel();
    }
    if (when == null) {
      handle = null;
    } else {
      EventLoop loop = Asyncio.getRunningLoop();
      if (when <= loop.time()) {
        handle = loop.callSoon(this::onTimeout);
      } else {
        handle = loop.callAt(when, this::onTimeout);
      }
    }
  }

  /**
   * Starts the timeout for the current task (asyncio's {@code __aenter__}).
   *
   * @return this
   * @throws IllegalStateException if already entered, or not called inside a task
   */
  public Timeout enter() {
    if (state != State.CREATED) {
      throw new IllegalStateException("Timeout has already been entered");
    }
    Task<?> current = Asyncio.currentTask();
    if (current == null) {
      throw new IllegalStateException("Timeout should be used inside a task");
    }
    state = State.ENTERED;
    task = current;
    cancellingOnEntry = current.cancelling();
    reschedule(when);
    return this;
  }

  /**
   * Ends the timeout (asyncio's {@code __aexit__}). Returns normally when {@code failure} is {@code
   * null}; otherwise throws {@link AsyncTimeoutException} if this timeout fired and {@code failure}
   * is the cancellation it caused, and rethrows {@code failure} itself (unchanged, even if checked)
   * in every other case.
   *
   * @param failure what the guarded block threw, or {@code null} if it completed normally
   * @throws IllegalStateException if the timeout is not active or expiring
   */
  public void exit(Throwable failure) {
    assert task == null || task.getLoop().inLoop();
    if (state != State.ENTERED && state != State.EXPIRING) {
      throw new IllegalStateException(
          state == State.CREATED
              ? "Timeout has not been entered"
              : "Cannot exit " + state.text + " Timeout");
    }
    if (handle != null) {
      handle.cancel();
      handle = null;
    }
    if (state == State.EXPIRING) {
      state = State.EXPIRED;
      if (task.uncancel() <= cancellingOnEntry && failure instanceof CancelledException) {
        throw new AsyncTimeoutException("Timeout expired", failure);
      }
    } else {
      state = State.EXITED;
    }
    if (failure != null) {
      throw Throwables.sneakyThrow(failure);
    }
  }

  /**
   * {@link #exit(Throwable)} as an awaitable: the end of a try-with-resources block over this
   * timeout (asyncio's {@code __aexit__}); its {@link AsyncTimeoutException} replaces the block's
   * cancellation, and any other exception of the block propagates unchanged.
   */
  @Override
  public Coroutine<Void> closeAsync(Throwable primary) {
    return Awaitables.running(() -> exit(primary));
  }

  /**
   * A coroutine that enters this timeout, awaits {@code body} in the current task, and exits with
   * its outcome: it yields the body's result, or throws what {@link #exit(Throwable)} throws.
   *
   * @param <T> the result type
   * @param body what to run under this timeout
   * @return a coroutine with the body's outcome
   */
  public <T> Coroutine<T> wrap(Awaitable<T> body) {
    Objects.requireNonNull(body, "body");
    return new ToolkitCoroutine<>() {
      private boolean entered;

      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        if (!entered) {
          entered = true;
          enter();
          return awaitNext(body);
        }
        exit(failure);
        return value;
      }
    };
  }

  private void onTimeout() {
    task.cancel();
    state = State.EXPIRING;
    handle = null;
  }

  @Override
  public String toString() {
    if (state == State.ENTERED) {
      return "Timeout[" + state.text + " when=" + when + "]";
    }
    return "Timeout[" + state.text + "]";
  }
}
