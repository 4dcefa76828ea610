package io.asyncio4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code n} event loops, each running forever on a thread of its own, started and closed together:
 * the way one process uses every core while each loop stays single-threaded (a task, its timers
 * and its connections stay on the loop that created them).
 *
 * <pre>{@code
 * try (EventLoopGroup group = new EventLoopGroup()) {      // one loop per available processor
 *   int n = group.run(CrawlerAsync.totalLength(crawler, urls));  // runs on one loop, blocks here
 *   CompletableFuture<String> f = group.submit(FetcherAsync.fetch(url)); // does not block
 * }                                                         // cancels every task, waits, closes
 * }</pre>
 *
 * <p>Work crosses loops only explicitly: {@link #submit} from any thread, or {@link
 * Asyncio#runOn(EventLoop, Coroutine)} from a task, which returns a future of the caller's own loop
 * (cancelling either side cancels the other). A TCP server spreads its connections over the loops
 * with {@code Streams.startServer(group, ...)}.
 *
 * <p>States:
 *
 * <pre>
 * | state    | loops                         | submit / run      |
 * |----------|-------------------------------|-------------------|
 * | running  | running forever               | accepted          |
 * | closing  | cancelling their tasks        | IllegalState...   |
 * | closed   | closed, threads ended         | IllegalState...   |
 *
 *   running --close()--&gt; closing --every loop's tasks done--&gt; closed
 * </pre>
 *
 * <p>Invariants: each loop of {@link #loops()} is run by exactly one thread, its own, for the
 * group's whole life; after {@link #close()} returns (from a thread outside the group), every
 * task of every loop is done and every loop is closed.
 *
 * <p>Threading: thread-safe.
 */
public final class EventLoopGroup implements AutoCloseable {
  private static final AtomicInteger GROUPS = new AtomicInteger();

  private final List<EventLoop> loops;
  private final List<Thread> threads;
  private final CountDownLatch terminated;
  private final AtomicInteger next = new AtomicInteger();
  private volatile boolean closing;

  /** A group of one loop per available processor. */
  public EventLoopGroup() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /**
   * A group of {@code n} loops, each on a new non-daemon thread named {@code
   * asyncio4j-group-<g>-loop-<i>}, running when the constructor returns.
   *
   * @param n the number of loops
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public EventLoopGroup(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
    }
    int g = GROUPS.incrementAndGet();
    List<EventLoop> ls = new ArrayList<>(n);
    List<Thread> ts = new ArrayList<>(n);
    terminated = new CountDownLatch(n);
    CountDownLatch started = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      EventLoop loop = new EventLoop();
      loop.group = this;
      ls.add(loop);
      Thread t = new Thread(() -> serve(loop, started), "asyncio4j-group-" + g + "-loop-" + i);
      ts.add(t);
    }
    loops = Collections.unmodifiableList(ls);
    threads = Collections.unmodifiableList(ts);
    for (Thread t : ts) {
      t.start();
    }
    awaitUninterruptibly(started);
  }

  private void serve(EventLoop loop, CountDownLatch started) {
    try {
      loop.callSoon(started::countDown);
      loop.runForever();
      loop.cancelAllTasksAndWait();
    } finally {
      try {
        loop.close();
      } finally {
        started.countDown(); // a loop that failed to start must not leave the constructor waiting
        terminated.countDown();
      }
    }
  }

  /**
   * The number of loops.
   *
   * @return how many loops it has
   */
  public int size() {
    return loops.size();
  }

  /**
   * The loops, in a fixed order.
   *
   * @return its loops
   */
  public List<EventLoop> loops() {
    return loops;
  }

  /**
   * The loop after the one {@code next()} returned last, round-robin over {@link #loops()}.
   *
   * @return the next loop, round-robin
   */
  public EventLoop next() {
    return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
  }

  /**
   * Each loop's load, in {@link #loops()} order: pending tasks, ready-queue length, lag and task
   * steps per second (also published over JMX, see {@code docs/DEBUGGING.md}). A loop that does
   * not answer within {@code timeout} is reported as blocked; {@code dumpTasks} over JMX then shows
   * where its thread is stuck.
   *
   * @param timeout how long to wait for each loop's answer
   * @return one entry per loop
   */
  public List<io.asyncio4j.debug.LoopMetrics> metrics(Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    List<io.asyncio4j.debug.LoopMetrics> all = new ArrayList<>(loops.size());
    for (EventLoop loop : loops) {
      all.add(Diagnostics.metrics(loop, millis));
    }
    return all;
  }

  /**
   * Sets every loop's exception handler (see {@link EventLoop#setExceptionHandler}); each loop
   * applies it on its own thread. From a thread outside the group, returns once every loop has;
   * from one of the group's loops, that loop's is set at once and the others' in their next
   * iteration.
   *
   * @param handler the handler, or {@code null} for the default one
   */
  public void setExceptionHandler(EventLoop.ExceptionHandler handler) {
    checkOpen();
    EventLoop here = EventLoop.runningLoop();
    CountDownLatch applied = new CountDownLatch(loops.size());
    for (EventLoop loop : loops) {
      if (loop == here) {
        loop.setExceptionHandler(handler);
        applied.countDown();
      } else {
        loop.callSoonThreadsafe(
            () -> {
              loop.setExceptionHandler(handler);
              applied.countDown();
            });
      }
    }
    if (here == null || here.group != this) {
      awaitUninterruptibly(applied);
    }
  }

  /**
   * Whether {@code loop} is one of this group's loops.
   *
   * @param loop the loop
   * @return whether it is one of the group's loops
   */
  public boolean contains(EventLoop loop) {
    return loop != null && loop.group == this;
  }

  /**
   * Runs {@code coro} as a task on the {@link #next()} loop; the returned future carries its
   * outcome, and cancelling the future cancels the task. Callable from any thread, a group's loops
   * included (from a task, prefer {@link Asyncio#runOn}, which can be awaited).
   *
   * @param coro the coroutine to run
   * @param <T> the coroutine's result type
   * @return a future completed with the task's result or exception
   * @throws IllegalStateException if the group is closing or closed
   */
  public <T> CompletableFuture<T> submit(Coroutine<T> coro) {
    Objects.requireNonNull(coro, "coro");
    checkOpen();
    return Threads.runCoroutineThreadsafe(coro, next());
  }

  /**
   * Runs {@code coro} as a task on the {@link #next()} loop and waits for it: returns its result
   * or throws its exception as is (a checked exception too, undeclared), like {@link
   * Asyncio#run}. Interrupting the waiting thread cancels the task and throws {@link
   * CancelledException} once it is done.
   *
   * @param coro the coroutine to run
   * @param <T> the coroutine's result type
   * @return the coroutine's result
   * @throws IllegalStateException if called from one of the group's loops (it would block the
   *     loop), or the group is closing or closed
   */
  public <T> T run(Coroutine<T> coro) {
    Objects.requireNonNull(coro, "coro");
    EventLoop here = EventLoop.runningLoop();
    if (here != null) {
      throw new IllegalStateException(
          "EventLoopGroup.run() cannot be called from a running event loop (it would block "
              + here
              + "); await(Asyncio.runOn(loop, coro)) instead");
    }
    CompletableFuture<T> f = submit(coro);
    boolean interrupted = false;
    try {
      for (; ; ) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
          f.cancel(false);
        } catch (ExecutionException e) {
          throw Throwables.sneakyThrow(e.getCause());
        } catch (CancellationException e) {
          throw new CancelledException("the task was cancelled: the waiting thread was interrupted");
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Closes the group: every loop cancels each of its tasks, runs until they are done, stops and
   * closes; then waits for the loops' threads to end. Idempotent.
   *
   * <p>Called from a task on one of the group's own loops, it cannot wait for that loop: it starts
   * the same shutdown and returns at once (the calling task is cancelled at its next await); use
   * {@link #awaitTermination} from another thread to wait.
   */
  @Override
  public void close() {
    shutdown();
    EventLoop here = EventLoop.runningLoop();
    if (here != null && here.group == this) {
      return;
    }
    awaitUninterruptibly(terminated);
    for (Thread t : threads) {
      joinUninterruptibly(t);
    }
  }

  /**
   * Waits until every loop of a closing group is closed.
   *
   * @param timeout how long to wait at most
   * @return whether every loop is closed
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(EventLoop.toNanos(timeout), TimeUnit.NANOSECONDS);
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return whether {@link #close()} has started
   */
  public boolean isClosing() {
    return closing;
  }

  /**
   * Whether every loop is closed.
   *
   * @return whether every loop is closed
   */
  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  private synchronized void shutdown() {
    if (closing) {
      return;
    }
    closing = true;
    for (EventLoop loop : loops) {
      try {
        loop.callSoonThreadsafe(loop::stop);
      } catch (IllegalStateException alreadyClosed) {
        // its thread ended on its own (a failure escaped the loop): nothing left to stop
      }
    }
  }

  private void checkOpen() {
    if (closing) {
      throw new IllegalStateException("EventLoopGroup is closed");
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    for (; ; ) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinUninterruptibly(Thread t) {
    if (t == Thread.currentThread()) {
      return;
    }
    boolean interrupted = false;
    for (; ; ) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Unwraps a {@link CompletionException} as {@link CompletableFuture#join()} would wrap it. */
  static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  @Override
  public String toString() {
    return "EventLoopGroup[" + loops.size() + " loops" + (closing ? " closing" : "") + "]";
  }
}
