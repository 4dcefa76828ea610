package io.asyncio4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An unstarted or running coroutine: the value of calling an {@code @Async} method's generated
 * entry point, like the object an {@code async def} call returns in Python.
 *
 * <p>Creating a coroutine runs nothing. It runs when it is awaited (inline, inside the awaiting
 * task, without a task of its own) or when it is wrapped in a {@link Task} by {@link
 * Asyncio#createTask(Coroutine)}. A coroutine can be awaited or wrapped once; a second attempt
 * throws {@link IllegalStateException}.
 *
 * <p>The implementations are the state machines the processor generates, which extend {@link
 * io.asyncio4j.spi.AsyncStateMachine}; hand-written coroutines (tests, library code that cannot
 * use the processor) extend that class too. The protected members below are the state-machine
 * protocol described in the {@linkplain io.asyncio4j.spi spi package}; they live here, not in
 * {@code AsyncStateMachine}, so that {@link Task} can drive a coroutine without any public hook.
 *
 * <p>States:
 *
 * <pre>
 * | state     | owner task | what happens next                                   |
 * |-----------|------------|-----------------------------------------------------|
 * | unstarted | none       | awaited inline or wrapped in a task (once)          |
 * | running   | set        | step() runs the body on the owner task's loop       |
 * | suspended | set        | the owner task resumes it (innermost frame first)   |
 * | finished  | set        | nothing; it cannot be awaited again                 |
 *
 *   unstarted --await/createTask--&gt; running &lt;--resume-- suspended
 *                                    running --await pending--&gt; suspended
 *                                    running --return/throw--&gt; finished
 * </pre>
 *
 * <p>Invariants: the owner task never changes once set (a cancelled {@link Sleep} alone drops it
 * again, see there). {@code caller} is non-null exactly while
 * this coroutine is awaited inline by another coroutine that has not been resumed with its
 * outcome yet; following {@code caller} links from a task's innermost frame reaches the task's
 * root coroutine.
 *
 * <p>Threading: loop-confined; a coroutine runs only on the thread of the loop that drives it.
 *
 * @param <T> the result type ({@link Void} for a {@code void} method)
 */
public abstract class Coroutine<T> implements Awaitable<T> {
  /** Returned by {@link #step()} and {@link #await(Awaitable)} when the coroutine suspends. */
  protected static final Object SUSPENDED =
      new Object() {
        @Override
        public String toString() {
          return "SUSPENDED";
        }
      };

  /** The task that drives this coroutine; {@code null} while unstarted. */
  Task<?> task;

  /** The frame that awaits this one inline, or {@code null} (task root, or not awaited). */
  Coroutine<?> caller;

  /** Creates an unstarted coroutine (tracked in debug mode, see {@link NeverStarted}). */
  @SuppressWarnings("this-escape") // only its identity is kept, and only in debug mode
  protected Coroutine() {
    if (NeverStarted.ON) {
      NeverStarted.created(this);
    }
  }

  /**
   * Runs the body from the current state until it returns, throws or suspends.
   *
   * @return the body's result (boxed; {@code null} for {@code void}), or {@link #SUSPENDED}
   * @throws Throwable whatever the body throws
   */
  protected abstract Object step() throws Throwable;

  /**
   * Awaits {@code awaitable} from this coroutine's body.
   *
   * <p>If it is a done future, returns its result or throws its exception at once (the fast path:
   * no suspension, no trip through the loop). If it is a coroutine, runs it inline (its {@code
   * step()} is called directly) and returns its result or throws its exception if it finishes
   * without suspending. Otherwise arranges for the owner task to resume this coroutine when the
   * awaitable completes and returns {@link #SUSPENDED}; the caller must then return {@link
   * #SUSPENDED} from {@link #step()} and read the outcome with {@link #resumeValue()} when it is
   * stepped again.
   *
   * @param awaitable the awaitable
   * @return its result, or {@link #SUSPENDED}
   * @throws IllegalStateException if {@code awaitable} is a coroutine that was already awaited or
   *     wrapped in a task, if it is the owner task itself, or a future of another loop
   * @throws IllegalArgumentException if {@code awaitable} is not a {@link Future} or {@link
   *     Coroutine}
   * @throws Throwable its exception, when it is done
   */
  protected final Object await(Awaitable<?> awaitable) throws Throwable {
    // Only the inline await of a coroutine is here: a direct @Async call is by far the most
    // frequent await, and the JIT copies this method into every caller's step(), recursively
    // for a recursive coroutine (fib). Everything else is out of line, so that the copies stay
    // small and the first optimized compile of a hot step() arrives sooner.
    if (awaitable instanceof Coroutine && !(awaitable instanceof Sleep)) {
      Coroutine<?> child = (Coroutine<?>) awaitable;
      child.claim(task);
      child.caller = this;
      Object r;
      try {
        r = child.step();
      } catch (Throwable e) {
        // Inline, not in a helper method: escape analysis then still sees that a child that
        // returns without suspending does not escape, and elides its allocation (a leaf call).
        child.caller = null;
        AsyncStackTraces.frameToCaller(e, task, child, this, true);
        throw e;
      }
      if (r != SUSPENDED) {
        child.caller = null;
      }
      return r;
    }
    return awaitOther(awaitable);
  }

  /** {@link #await(Awaitable)} of anything but a coroutine that runs inline. */
  private Object awaitOther(Awaitable<?> awaitable) throws Throwable {
    Task<?> t = task;
    if (awaitable instanceof Sleep) {
      return ((Sleep<?>) awaitable).awaitFrom(t, this);
    }
    if (awaitable instanceof Future) {
      Future<?> f = (Future<?>) awaitable;
      if (f.state != Future.PENDING) {
        try {
          return f.outcomeForAwait();
        } catch (Throwable e) {
          AsyncStackTraces.awaitableToFrame(e, t, f, this);
          throw e;
        }
      }
      return t.suspendOn(f, this);
    }
    if (awaitable == null) {
      throw new NullPointerException("awaitable");
    }
    throw new IllegalArgumentException(
        "awaitable: "
            + awaitable.getClass().getName()
            + " (expected: a Future, a Task or a Coroutine)");
  }

  /**
   * Awaits a {@link CompletionStage}. A stage that is a {@link CompletableFuture} already done is
   * the fast path. Otherwise the outcome comes back to the loop through {@link
   * EventLoop#callSoonThreadsafe(Runnable)}; cancelling the awaiting task cancels the stage (with
   * {@code toCompletableFuture().cancel(false)}, when the stage supports it). A {@link
   * java.util.concurrent.CompletionException} is unwrapped: the await throws its cause.
   *
   * @param stage the stage
   * @return its result, or {@link #SUSPENDED}
   * @throws Throwable its exception, when it is done
   */
  protected final Object await(CompletionStage<?> stage) throws Throwable {
    if (stage instanceof CompletableFuture) {
      CompletableFuture<?> cf = (CompletableFuture<?>) stage;
      if (cf.isDone()) {
        try {
          return StageFuture.outcomeOf(cf);
        } catch (Throwable e) {
          AsyncStackTraces.awaitableToFrame(e, task, stage, this);
          throw e;
        }
      }
    }
    if (stage == null) {
      throw new NullPointerException("stage");
    }
    return await(new StageFuture<>(task.loop, stage));
  }

  /**
   * At a resume point: the value the suspended await produced, or throws the exception it
   * completed with (including {@link CancelledException} when the task was cancelled).
   *
   * @return the value
   * @throws Throwable the exception
   */
  protected final Object resumeValue() throws Throwable {
    Task<?> t = task;
    Object v = t.resume;
    t.resume = null;
    if (t.resumeIsError) {
      t.resumeIsError = false;
      throw (Throwable) v;
    }
    return v;
  }

  /**
   * Where this coroutine is suspended, for {@link Task#getStack()}, task dumps and async stack
   * traces: the user's source position of the current await, or {@code null} when unknown.
   * Generated code overrides it from its {@code label}. It is also read while the awaited thing
   * runs inline or fails (to add this frame to the exception's stack trace), so it must already
   * name an await once that await has started: generated code writes {@code label} before calling
   * {@code await}.
   *
   * @return the source position, or {@code null}
   */
  protected StackTraceElement suspensionPoint() {
    return null;
  }

  /** Marks this coroutine as driven by {@code t}; a coroutine can be claimed once. */
  final void claim(Task<?> t) {
    if (task != null) {
      throw alreadyClaimed();
    }
    if (NeverStarted.ON) {
      NeverStarted.started(this);
    }
    task = t;
  }

  /** Out of line, so that {@link #claim} stays small enough to be inlined by every JIT tier. */
  private IllegalStateException alreadyClaimed() {
    return new IllegalStateException(
        "coroutine "
            + this
            + " was already awaited or wrapped in a task (by "
            + task.getName()
            + "); a coroutine can be awaited once: call its entry point again for a new one");
  }

  /** The class name, and where it is suspended when known. */
  @Override
  public String toString() {
    String n = getClass().getSimpleName();
    if (n.isEmpty()) {
      n = getClass().getName();
    }
    StackTraceElement at = task == null ? null : suspensionPoint();
    return at == null ? n : n + " at " + at;
  }
}
