package io.asyncio4j;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridges between the loop and other threads: {@link EventLoop#runInExecutor}, {@link
 * Asyncio#toThread} and {@link Asyncio#runCoroutineThreadsafe}.
 *
 * <p>Every result crosses back to the loop through {@link EventLoop#callSoonThreadsafe(Runnable)},
 * the loop's only thread-safe entry; a waiting task costs no thread and no polling.
 *
 * <p>Threading: the methods named "on loop" are loop-confined; the job bodies run on executor
 * threads and touch loop state only through {@code callSoonThreadsafe}.
 */
final class Threads {
  private static final AtomicInteger POOL_THREADS = new AtomicInteger();

  private Threads() {}

  /**
   * The default executor a loop creates on first use and shuts down on close: a cached pool of
   * daemon threads named {@code asyncio4j-executor-N}.
   */
  static ExecutorService newDefaultExecutor() {
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "asyncio4j-executor-" + POOL_THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return Executors.newCachedThreadPool(factory);
  }

  /**
   * On loop: runs {@code fn} on {@code executor} and returns a loop future for its outcome.
   * Cancelling the future before the job starts keeps it from running; once it runs, it runs to
   * completion and its outcome is dropped.
   */
  static <T> Future<T> runInExecutor(EventLoop loop, Executor executor, Callable<T> fn) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(fn, "fn");
    Future<T> fut = loop.createFuture();
    FutureTask<Void> job =
        new FutureTask<>(
            () -> {
              T value = null;
              Throwable error = null;
              try {
                value = fn.call();
              } catch (Throwable t) {
                error = t;
              }
              deliver(loop, fut, value, error);
            },
            null);
    Waiting.listen(
        fut,
        f -> {
          if (f.cancelled()) {
            job.cancel(false);
          }
        });
    executor.execute(job);
    return fut;
  }

  private static <T> void deliver(EventLoop loop, Future<T> fut, T value, Throwable error) {
    if (loop.isClosed()) {
      return;
    }
    try {
      loop.callSoonThreadsafe(
          () -> {
            if (fut.done()) {
              return;
            }
            if (error != null) {
              fut.setException(error);
            } else {
              fut.setResult(value);
            }
          });
    } catch (IllegalStateException closedMeanwhile) {
      // The loop closed between the check and the call: nobody can observe the outcome.
    }
  }

  /**
   * From any thread: submits {@code coro} to {@code loop} as a task; the returned future carries
   * its outcome, and cancelling that future cancels the task.
   */
  static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
    Objects.requireNonNull(coro, "coro");
    Objects.requireNonNull(loop, "loop");
    CompletableFuture<T> cf = new CompletableFuture<>();
    loop.callSoonThreadsafe(
        () -> {
          if (cf.isDone()) {
            return; // cancelled before the loop got to it: never start the coroutine
          }
          Task<T> task;
          try {
            task = loop.createTask(coro);
          } catch (Throwable t) {
            cf.completeExceptionally(t);
            loop.callExceptionHandler(
                new ExceptionContext(
                    "exception in runCoroutineThreadsafe while creating the task", t, coro));
            return;
          }
          Waiting.listen(
              task,
              f -> {
                if (f.cancelled()) {
                  cf.completeExceptionally(Waiting.cancelledErrorOf(f));
                } else if (f.exception() != null) {
                  cf.completeExceptionally(f.exception());
                } else {
                  cf.complete(task.result());
                }
              });
          cf.whenComplete(
              (r, e) -> {
                if (cf.isCancelled() && !loop.isClosed()) {
                  try {
                    loop.callSoonThreadsafe(
                        () -> {
                          if (!task.done()) {
                            task.cancel();
                          }
                        });
                  } catch (IllegalStateException closedMeanwhile) {
                    // Loop closed: the task was cancelled by its shutdown, or never runs again.
                  }
                }
              });
        });
    return cf;
  }

  /**
   * On loop: runs {@code coro} as a task on {@code target} and returns a future of the calling
   * loop for its outcome (asyncio's {@code wrap_future(run_coroutine_threadsafe(coro, target))}).
   * The outcome wakes the caller through {@code callSoonThreadsafe}; cancelling the returned future
   * cancels the remote task, and a remote task that ends cancelled cancels the returned future.
   */
  static <T> Future<T> runOn(EventLoop target, Coroutine<T> coro) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(coro, "coro");
    EventLoop here = Asyncio.getRunningLoop();
    if (target == here) {
      return here.createTask(coro);
    }
    Future<T> local = here.createFuture();
    CompletableFuture<T> remote = runCoroutineThreadsafe(coro, target);
    remote.whenComplete(
        (value, error) -> {
          if (here.isClosed()) {
            return;
          }
          try {
            here.callSoonThreadsafe(() -> settle(local, value, error));
          } catch (IllegalStateException closedMeanwhile) {
            // The caller's loop closed: nobody can observe the outcome.
          }
        });
    Waiting.listen(
        local,
        f -> {
          if (f.cancelled()) {
            remote.cancel(false);
          }
        });
    return local;
  }

  private static <T> void settle(Future<T> local, T value, Throwable error) {
    if (local.done()) {
      return;
    }
    Throwable e = EventLoopGroup.unwrap(error);
    if (e instanceof java.util.concurrent.CancellationException) {
      local.cancel(e instanceof CancelledException ? e.getMessage() : null);
    } else if (e != null) {
      local.setException(e);
    } else {
      local.setResult(value);
    }
  }
}
