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
   * exception, which this method does not declare (a "sneaky" rethrow, so that the caller sees the
   * original exception): catch {@code Exception}, or the specific type if the try block also calls
   * something that declares it.
   *
   * @param <T> the coroutine's result type
   * @param main the program's main coroutine
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
   *
   * @param <T> the coroutine's result type
   * @param main the program's main coroutine
   * @param loop a new loop to run it on
   * @return the coroutine's result
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

  /**
   * Wraps {@code coro} in a task on the running loop and schedules it (named {@code Task-<n>}).
   *
   * @param <T> the coroutine's result type
   * @param coro the coroutine to run as a task (awaited or wrapped for the first time)
   * @return the scheduled task
   */
  public static <T> Task<T> createTask(Coroutine<T> coro) {
    return runningLoop("createTask()").createTask(coro);
  }

  /**
   * {@link #createTask(Coroutine)} with a name.
   *
   * @param <T> the coroutine's result type
   * @param coro the coroutine to run as a task (awaited or wrapped for the first time)
   * @param name the task's name, for dumps, traces and messages
   * @return the scheduled task
   */
  public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
    return runningLoop("createTask()").createTask(coro, name);
  }

  /**
   * A coroutine that completes {@code delay} after it is awaited. A zero or negative delay yields
   * to the loop for exactly one iteration (other ready callbacks run first) and allocates nothing.
   * Cancelling the sleeping task ends the sleep at once with {@link CancelledException}.
   *
   * @param delay how long to sleep
   * @return the sleep, which starts when awaited
   */
  public static Coroutine<Void> sleep(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    long nanos = EventLoop.toNanos(delay);
    return nanos <= 0 ? Sleep.YIELD : new Sleep<>(nanos);
  }

  /**
   * {@link #sleep(Duration)} that produces {@code result}.
   *
   * @param <T> the result type
   * @param delay how long to sleep
   * @param result what the sleep completes with
   * @return the sleep, which starts when awaited
   */
  public static <T> Coroutine<T> sleep(Duration delay, T result) {
    Objects.requireNonNull(delay, "delay");
    long nanos = EventLoop.toNanos(delay);
    if (nanos <= 0 && result == null) {
      @SuppressWarnings("unchecked")
      Coroutine<T> yield = (Coroutine<T>) Sleep.YIELD;
      return yield;
    }
    return Sleep.of(nanos, result);
  }

  /**
   * Suspends the enclosing {@code @Async} method until {@code awaitable} completes, then returns
   * its result or throws its exception.
   *
   * <p>Only meaningful inside an {@code @Async} method body, where the annotation processor
   * rewrites it. Reaching this method at run time means the {@code @Async} method was called
   * directly as plain Java; it then throws {@link IllegalStateException} naming the generated
   * entry point to call instead.
   *
   * @param <T> the result type
   * @param awaitable the future, task or coroutine to wait for
   * @return its result
   */
  public static <T> T await(Awaitable<T> awaitable) {
    throw awaitOutsideCoroutine();
  }

  /**
   * {@link #await(Awaitable)} for a {@link CompletionStage}.
   *
   * @param <T> the result type
   * @param stage the stage to wait for
   * @return its result
   */
  public static <T> T await(CompletionStage<T> stage) {
    throw awaitOutsideCoroutine();
  }

  /**
   * The loop running on the calling thread.
   *
   * @return the loop running on the calling thread
   * @throws IllegalStateException if none is running
   */
  public static EventLoop getRunningLoop() {
    return runningLoop("getRunningLoop()");
  }

  /** The running loop, or an error that says how to get one for {@code what}. */
  private static EventLoop runningLoop(String what) {
    EventLoop loop = EventLoop.runningLoop();
    if (loop == null) {
      throw new IllegalStateException(
          "no running event loop: "
              + what
              + " works only inside a coroutine or callback that a loop runs; start the program's"
              + " main coroutine with Asyncio.run(...) and call it from there (or use"
              + " loop.createTask(...) on a loop you created)");
    }
    return loop;
  }

  /**
   * The task whose step is running, or {@code null} in a plain callback.
   *
   * @return the current task, or {@code null}
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static Task<?> currentTask() {
    return runningLoop("currentTask()").currentTask;
  }

  /**
   * The running loop's tasks that are not done yet, in creation order (a snapshot).
   *
   * @return the tasks that are not done, in creation order
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static Set<Task<?>> allTasks() {
    return runningLoop("allTasks()").liveTasks();
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

  /**
   * Runs the awaitables concurrently and completes with their results in argument order, like
   * {@code asyncio.gather}: coroutines are wrapped in tasks, futures are used as they are, and an
   * awaitable passed twice runs once and fills both positions. With no arguments the future is
   * already done with an empty list.
   *
   * <p>The first child failure (a {@link CancelledException} from a child cancelled on its own
   * included) completes the gather with that exception at once; the other children are not
   * cancelled and keep running. Cancelling the gather cancels every unfinished child; it then
   * completes with {@link CancelledException}. Cancelling the task that awaits it does the same.
   *
   * @param <T> the children's common result type
   * @param awaitables the children, in the order of the results
   * @return a future of the results, in argument order
   * @throws IllegalArgumentException if the futures belong to different loops
   */
  @SafeVarargs
  public static <T> Future<java.util.List<T>> gather(Awaitable<? extends T>... awaitables) {
    return Gather.gather(false, java.util.Arrays.asList(awaitables));
  }

  /**
   * {@link #gather(Awaitable[])} for a list of awaitables.
   *
   * @param <T> the children's common result type
   * @param awaitables the children, in the order of the results
   * @return a future of the results, in list order
   */
  public static <T> Future<java.util.List<T>> gather(
      java.util.List<? extends Awaitable<? extends T>> awaitables) {
    return Gather.gather(false, awaitables);
  }

  /**
   * {@link #gather(Awaitable[])} that, with {@code returnExceptions}, waits for every child and
   * puts each failure (a {@link Throwable}, a {@link CancelledException} for a cancelled child) in
   * the result list in place of a value. Cancelling the gather still makes it throw {@link
   * CancelledException}.
   *
   * @param returnExceptions whether failures become list items instead of failing the gather
   * @param awaitables the children, in the order of the results
   * @return a future of the results (and failures), in argument order
   */
  public static Future<java.util.List<Object>> gather(
      boolean returnExceptions, Awaitable<?>... awaitables) {
    return Gather.gather(returnExceptions, java.util.Arrays.asList(awaitables));
  }

  /**
   * {@link #gather(boolean, Awaitable[])} for a list of awaitables.
   *
   * @param returnExceptions whether failures become list items instead of failing the gather
   * @param awaitables the children, in the order of the results
   * @return a future of the results (and failures), in list order
   */
  public static Future<java.util.List<Object>> gather(
      boolean returnExceptions, java.util.List<? extends Awaitable<?>> awaitables) {
    return Gather.gather(returnExceptions, awaitables);
  }

  /**
   * Awaits {@code awaitable} with a time limit, like {@code asyncio.wait_for} (3.12): a coroutine
   * runs inline in the current task under a {@link #timeout(Duration)}; a future or task is awaited
   * under one. On expiry the awaited work is cancelled and awaited until it has finished, then
   * {@link AsyncTimeoutException} is thrown (unless the work swallowed the cancellation and
   * returned a value, which is then returned, or failed otherwise, which is then thrown). A {@code
   * null} timeout waits forever; a zero or negative one gives a done future's result, and otherwise
   * cancels the work (a coroutine never starts) and throws {@link AsyncTimeoutException}.
   *
   * <p>Cancelling the awaiting task cancels the awaited work too, and the {@link
   * CancelledException} always propagates: an outer cancellation is never swallowed, even if the
   * work completes in the same iteration.
   *
   * @param <T> the result type
   * @param awaitable what to wait for
   * @param timeout how long to wait at most
   * @return a coroutine with the awaitable's outcome
   */
  public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
    return Waiting.waitFor(awaitable, timeout);
  }

  /**
   * {@link #wait(java.util.Collection, ReturnWhen, Duration)} with {@link
   * ReturnWhen#ALL_COMPLETED}.
   *
   * @param <T> the futures' common result type
   * @param futures the futures and tasks to wait for (not empty)
   * @return a coroutine with the done and the pending futures
   */
  public static <T> Coroutine<WaitResult<T>> wait(
      java.util.Collection<? extends Future<T>> futures) {
    return Waiting.wait(futures, ReturnWhen.ALL_COMPLETED, null);
  }

  /**
   * {@link #wait(java.util.Collection, ReturnWhen, Duration)} without a timeout.
   *
   * @param <T> the futures' common result type
   * @param futures the futures and tasks to wait for (not empty)
   * @param returnWhen when to return
   * @return a coroutine with the done and the pending futures
   */
  public static <T> Coroutine<WaitResult<T>> wait(
      java.util.Collection<? extends Future<T>> futures, ReturnWhen returnWhen) {
    return Waiting.wait(futures, returnWhen, null);
  }

  /**
   * Waits until {@code returnWhen} is satisfied or {@code timeout} ({@code null}: none) passes,
   * like {@code asyncio.wait}, and returns the futures split into done and pending (duplicates
   * collapse). It never throws on timeout and never cancels the futures; cancelling the waiting
   * task throws {@link CancelledException} in it and leaves the futures running. Coroutines are not
   * accepted (wrap them in tasks), as in asyncio 3.11+.
   *
   * <p>Call it as {@code Asyncio.wait(...)}: inside a class, an unqualified {@code wait(...)}
   * resolves to {@link Object#wait()} before any static import.
   *
   * @param <T> the futures' common result type
   * @param futures the futures and tasks to wait for (not empty)
   * @param returnWhen when to return
   * @param timeout the longest wait, or {@code null} for none
   * @return a coroutine with the done and the pending futures
   * @throws IllegalArgumentException (at the call) if {@code futures} is empty
   */
  public static <T> Coroutine<WaitResult<T>> wait(
      java.util.Collection<? extends Future<T>> futures, ReturnWhen returnWhen, Duration timeout) {
    return Waiting.wait(futures, returnWhen, timeout);
  }

  /**
   * {@link #asCompleted(java.util.Collection, Duration)} without a timeout.
   *
   * @param <T> the awaitables' common result type
   * @param awaitables what to run and wait for
   * @return one coroutine per awaitable, in completion order
   */
  public static <T> java.util.List<Coroutine<T>> asCompleted(
      java.util.Collection<? extends Awaitable<? extends T>> awaitables) {
    return Waiting.asCompleted(awaitables, null);
  }

  /**
   * One coroutine per distinct awaitable such that the k-th one awaited yields the k-th completion
   * (its result, or throws its exception), like {@code asyncio.as_completed} (3.12, plain
   * iteration). Coroutines are wrapped in tasks at once. When {@code timeout} passes, the
   * coroutines still outstanding throw {@link AsyncTimeoutException}; nothing is cancelled.
   *
   * @param <T> the awaitables' common result type
   * @param awaitables what to run and wait for
   * @param timeout the longest wait for all of them, or {@code null} for none
   * @return one coroutine per awaitable, in completion order
   */
  public static <T> java.util.List<Coroutine<T>> asCompleted(
      java.util.Collection<? extends Awaitable<? extends T>> awaitables, Duration timeout) {
    return Waiting.asCompleted(awaitables, timeout);
  }

  /**
   * The completions of {@code awaitables} as the original futures and tasks, in completion order,
   * like asyncio 3.13's {@code async for} over {@code as_completed}: coroutines are wrapped in tasks
   * at once and duplicates collapse. When {@code timeout} ({@code null}: none) passes, the
   * remaining {@link AsCompleted#next()} calls throw {@link AsyncTimeoutException}; nothing is
   * cancelled.
   *
   * @param <T> the awaitables' common result type
   * @param awaitables what to run and wait for
   * @param timeout the longest wait for all of them, or {@code null} for none
   * @return the iterator over the futures as they finish
   */
  public static <T> AsCompleted<T> asCompletedFutures(
      java.util.Collection<? extends Awaitable<? extends T>> awaitables, Duration timeout) {
    return Waiting.asCompletedFutures(awaitables, timeout);
  }

  /**
   * Protects {@code awaitable} from cancellation, like {@code asyncio.shield}: returns a future
   * that follows it (the awaitable itself if it is already a done future; a coroutine is wrapped in
   * a task). Cancelling the returned future, or the task awaiting it, cancels only the returned
   * future; the inner work keeps running. Cancelling the inner work cancels the returned future.
   *
   * @param <T> the result type
   * @param awaitable what to protect from cancellation
   * @return a future with the awaitable's outcome
   */
  public static <T> Future<T> shield(Awaitable<T> awaitable) {
    return Waiting.shield(awaitable);
  }

  /**
   * A {@link Timeout} that expires {@code delay} from now ({@code null}: never), like {@code
   * asyncio.timeout}; {@link Timeout#enter()} it, or use {@link #timeout(Duration, Awaitable)}.
   *
   * @param delay how long from now, or {@code null} for no deadline yet
   * @return the timeout, to {@link Timeout#enter()} or {@link Timeout#wrap(Awaitable)}
   */
  public static Timeout timeout(Duration delay) {
    if (delay == null) {
      return new Timeout(null);
    }
    EventLoop loop = getRunningLoop();
    return new Timeout(EventLoop.saturatedAdd(loop.time(), EventLoop.toNanos(delay)));
  }

  /**
   * A {@link Timeout} that expires at loop time {@code when} in nanoseconds ({@code null}: never),
   * like {@code asyncio.timeout_at}.
   *
   * @param when the deadline in loop time ({@link EventLoop#time()}), or {@code null} for none
   * @return the timeout
   */
  public static Timeout timeoutAt(Long when) {
    return new Timeout(when);
  }

  /**
   * Awaits {@code body} in the current task under a timeout of {@code delay}: yields its result, or
   * throws {@link AsyncTimeoutException} if the deadline passed and cancelled it. See {@link
   * Timeout} for the cancellation rules.
   *
   * @param <T> the result type
   * @param delay how long {@code body} may take
   * @param body what to run under the timeout
   * @return a coroutine with the body's outcome
   */
  public static <T> Coroutine<T> timeout(Duration delay, Awaitable<T> body) {
    return timeout(delay).wrap(body);
  }

  /**
   * An asynchronous generator (Python's {@code async def} with {@code yield}): {@code body} gets the
   * {@link Emitter} and returns the coroutine that produces the values, typically the entry point
   * of an {@code @Async} method that calls {@code await(out.emit(v))}; consume it with an enhanced
   * {@code for} in an {@code @Async} method. See {@link Generator} for laziness, exceptions,
   * cancellation and early exit.
   *
   * <pre>{@code
   * @Async
   * void ticks(Emitter<Integer> out, int n) {
   *   for (int i = 0; i < n; i++) {
   *     await(sleep(Duration.ofMillis(10)));
   *     await(out.emit(i));                  // yield i
   *   }
   * }
   *
   * for (int t : generator(out -> ClockAsync.ticks(this, out, 3))) { ... }
   * }</pre>
   *
   * @param <T> the type of the values
   * @param body makes the coroutine that emits the values, given the emitter to emit them with
   * @return the generator, an iterable for an enhanced {@code for} in an {@code @Async} method
   */
  public static <T> Generator<T> generator(
      java.util.function.Function<? super Emitter<T>, ? extends Coroutine<?>> body) {
    return new Generator<>(body);
  }

  /**
   * Runs {@code body} as the block of a new {@link TaskGroup} in the current task, then waits for
   * every child; yields the body's result. See {@link TaskGroup} for failure and cancellation.
   *
   * @param <T> the body's result type
   * @param body starts the group's tasks and returns the coroutine the group awaits first
   * @return a coroutine with the body's result once every task is done
   */
  public static <T> Coroutine<T> taskGroup(
      java.util.function.Function<? super TaskGroup, ? extends Coroutine<T>> body) {
    return TaskGroup.run(body);
  }

  /**
   * Runs {@code fn} on the running loop's default executor (a cached pool of daemon threads the
   * loop shuts down on close), like {@code asyncio.to_thread}; the future completes with its result
   * or exception. Cancelling the future before the call starts keeps it from running; a call
   * already running cannot be interrupted and its outcome is dropped. {@code fn} runs in the
   * caller's {@link Context} ({@link ContextVar} values), with the loop's {@link ContextHook}s
   * installed around it.
   *
   * @param <T> the result type
   * @param fn the blocking code
   * @return a future with {@code fn}'s outcome
   */
  public static <T> Future<T> toThread(java.util.concurrent.Callable<T> fn) {
    java.util.Objects.requireNonNull(fn, "fn");
    EventLoop loop = getRunningLoop();
    Context context = Context.current();
    ContextHook[] hooks = loop.contextHooks;
    return loop.runInExecutor(null, () -> context.callIn(hooks, fn));
  }

  /**
   * Submits {@code coro} to {@code loop} from any thread, like {@code
   * asyncio.run_coroutine_threadsafe}: the returned future completes with the task's result or
   * exception (it is cancelled if the task is), and cancelling it cancels the task.
   *
   * @param <T> the coroutine's result type
   * @param coro the coroutine to run as a task on {@code loop}
   * @param loop a running loop, usually of another thread
   * @return a future with the task's outcome, usable from any thread
   * @throws IllegalStateException if {@code loop} is closed
   */
  public static <T> java.util.concurrent.CompletableFuture<T> runCoroutineThreadsafe(
      Coroutine<T> coro, EventLoop loop) {
    return Threads.runCoroutineThreadsafe(coro, loop);
  }

  /**
   * A hand-off between loops: runs {@code coro} as a task on {@code loop} (typically another loop
   * of an {@link EventLoopGroup}) and returns a future of the running loop for its outcome, to
   * await: {@code int n = await(runOn(group.next(), CounterAsync.count(words)));}. The result or
   * exception wakes the caller through {@link EventLoop#callSoonThreadsafe}; cancellation
   * propagates both ways (cancelling the awaiting task cancels the remote one, and a remote task
   * that ends cancelled cancels the future). On the running loop itself, it is {@link
   * #createTask(Coroutine)}.
   *
   * @param loop the loop to run {@code coro} on
   * @param coro the coroutine to run there
   * @param <T> the coroutine's result type
   * @return a future of the running loop
   * @throws IllegalStateException if no loop is running on this thread, or {@code loop} is closed
   */
  public static <T> Future<T> runOn(EventLoop loop, Coroutine<T> coro) {
    return Threads.runOn(loop, coro);
  }
}
