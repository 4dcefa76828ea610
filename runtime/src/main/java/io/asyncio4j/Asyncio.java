package io.asyncio4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The static facade user code imports ({@code import static io.asyncio4j.Asyncio.*;}): asyncio's
 * module-level functions in camelCase.
 *
 * <p>Threading: {@link #run(Coroutine)} may be called from any thread that is not running a loop;
 * everything else is called from inside a coroutine or callback, on the running loop's thread.
 */
public final class Asyncio {
  private Asyncio() {}

  /**
   * Runs {@code main} on a new event loop until it completes, then cancels every task still
   * pending, waits for them to finish, and closes the loop; asyncio's {@code asyncio.run}.
   *
   * <p>An exception of the coroutine is rethrown as is, not wrapped, including a checked
   * exception, which this method does not declare (a "sneaky" rethrow, as SPEC.md's "throws the
   * original exception" requires): catch {@code Exception}, or the specific type if the try block
   * also calls something that declares it.
   *
   * @return the coroutine's result
   * @throws IllegalStateException if a loop is already running on this thread
   */
  public static <T> T run(Coroutine<T> main) {
    Objects.requireNonNull(main, "main");
    return run(main, new EventLoop());
  }

  /**
   * {@link #run(Coroutine)} on a given loop, which must be new (not running, not closed) and is
   * closed at the end; for example {@code Asyncio.run(coro, EventLoop.withVirtualTime())} runs a
   * coroutine on virtual time.
   */
  public static <T> T run(Coroutine<T> main, EventLoop loop) {
    Objects.requireNonNull(main, "main");
    Objects.requireNonNull(loop, "loop");
    if (EventLoop.runningLoop() != null) {
      throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop");
    }
    if (loop.isClosed()) {
      throw new IllegalStateException("Event loop is closed");
    }
    try {
      return loop.runUntilComplete(main);
    } finally {
      try {
        loop.cancelAllTasksAndWait();
      } finally {
        loop.close();
      }
    }
  }

  /** Wraps {@code coro} in a task on the running loop and schedules it (named {@code Task-<n>}). */
  public static <T> Task<T> createTask(Coroutine<T> coro) {
    return getRunningLoop().createTask(coro);
  }

  /** {@link #createTask(Coroutine)} with a name. */
  public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
    return getRunningLoop().createTask(coro, name);
  }

  /**
   * A coroutine that completes {@code delay} after it is awaited. A zero or negative delay yields
   * to the loop for exactly one iteration (other ready callbacks run first) and allocates nothing.
   * Cancelling the sleeping task ends the sleep at once with {@link CancelledException}.
   */
  public static Coroutine<Void> sleep(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    long nanos = EventLoop.toNanos(delay);
    return nanos <= 0 ? Sleep.YIELD : new Sleep<>(nanos, null);
  }

  /** {@link #sleep(Duration)} that produces {@code result}. */
  public static <T> Coroutine<T> sleep(Duration delay, T result) {
    Objects.requireNonNull(delay, "delay");
    long nanos = EventLoop.toNanos(delay);
    if (nanos <= 0 && result == null) {
      @SuppressWarnings("unchecked")
      Coroutine<T> yield = (Coroutine<T>) Sleep.YIELD;
      return yield;
    }
    return new Sleep<>(nanos, result);
  }

  /**
   * Suspends the enclosing {@code @Async} method until {@code awaitable} completes, then returns
   * its result or throws its exception.
   *
   * <p>Only meaningful inside an {@code @Async} method body, where the annotation processor
   * rewrites it. Reaching this method at run time means the {@code @Async} method was called
   * directly as plain Java; it then throws {@link IllegalStateException} naming the generated
   * entry point to call instead.
   */
  public static <T> T await(Awaitable<T> awaitable) {
    throw awaitOutsideCoroutine();
  }

  /** {@link #await(Awaitable)} for a {@link CompletionStage}. */
  public static <T> T await(CompletionStage<T> stage) {
    throw awaitOutsideCoroutine();
  }

  /**
   * The loop running on the calling thread.
   *
   * @throws IllegalStateException if none is running
   */
  public static EventLoop getRunningLoop() {
    EventLoop loop = EventLoop.runningLoop();
    if (loop == null) {
      throw new IllegalStateException("no running event loop");
    }
    return loop;
  }

  /**
   * The task whose step is running, or {@code null} in a plain callback.
   *
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static Task<?> currentTask() {
    return getRunningLoop().currentTask;
  }

  /**
   * The running loop's tasks that are not done yet, in creation order (a snapshot).
   *
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static Set<Task<?>> allTasks() {
    return getRunningLoop().liveTasks();
  }

  /** The error for an {@code await} reached from plain Java, naming the entry point to use. */
  private static IllegalStateException awaitOutsideCoroutine() {
    Optional<StackWalker.StackFrame> caller =
        StackWalker.getInstance()
            .walk(s -> s.filter(f -> !f.getClassName().equals(Asyncio.class.getName())).findFirst());
    if (caller.isEmpty()) {
      return new IllegalStateException(
          "await() called outside a coroutine; call the @Async method's generated entry point"
              + " and run the returned Coroutine (Asyncio.run / createTask / await) instead");
    }
    String className = caller.get().getClassName();
    String simple = className.substring(className.lastIndexOf('.') + 1);
    String method = caller.get().getMethodName();
    if (method.startsWith("lambda$")) {
      int end = method.indexOf('$', "lambda$".length());
      method = end > 0 ? method.substring("lambda$".length(), end) : method;
    }
    String shown = simple.replace('$', '.') + "." + method + "(...)";
    String entry = simple.replace('$', '_') + "Async." + method + "(...)";
    return new IllegalStateException(
        "await() called outside a coroutine: "
            + shown
            + " is @Async; call "
            + entry
            + " and run the returned Coroutine (Asyncio.run / createTask / await) instead");
  }

  // ---- toolkit (gather, waitFor, wait, asCompleted, shield, timeout, threads) ----
}
