package io.asyncio4j.benchmarks;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.CancelledException;
import io.asyncio4j.Queue;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The bench-peers workloads as ordinary {@code @Async} code, compiled by our processor into the
 * companion {@code CoroutinesAsync}. Each workload returns the number of operations it performed
 * (the divisor of its {@code ns_per_op}); {@link Workloads} runs each on a fresh event loop.
 */
final class Coroutines {
  /** Sleepers' memory pass: how many tasks have started (loop-confined, like everything here). */
  static int started;

  private Coroutines() {}

  /** yield: one task passes through the loop {@code n} times, like {@code asyncio.sleep(0)}. */
  @Async
  static int yieldLoop(int n) {
    for (int i = 0; i < n; i++) {
      await(sleep(Duration.ZERO));
    }
    return n;
  }

  /** spawn's task body. */
  @Async
  static int ret(int i) {
    return i;
  }

  /** spawn: {@code n} tasks that each return their index, gathered and summed. */
  @Async
  static int spawn(int n) {
    List<Task<Integer>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(createTask(CoroutinesAsync.ret(i)));
    }
    List<Integer> results = await(gather(tasks));
    long sum = 0;
    for (int result : results) {
      sum += result;
    }
    if (sum != (long) n * (n - 1) / 2) {
      throw new AssertionError("spawn: sum " + sum);
    }
    return n;
  }

  /**
   * spawn without gather (an extra row, not a bench-peers workload): the same tasks, each awaited
   * in order, so the row shows the cost of the tasks alone.
   */
  @Async
  static int spawnEach(int n) {
    List<Task<Integer>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(createTask(CoroutinesAsync.ret(i)));
    }
    long sum = 0;
    for (Task<Integer> task : tasks) {
      sum += await(task);
    }
    if (sum != (long) n * (n - 1) / 2) {
      throw new AssertionError("spawn-each: sum " + sum);
    }
    return n;
  }

  /** pingpong: ping puts i on {@code a} and takes the reply from {@code b}; n round trips. */
  @Async
  static int pingpong(int n) {
    Queue<Integer> a = new Queue<>(1);
    Queue<Integer> b = new Queue<>(1);
    Task<Void> pong = createTask(CoroutinesAsync.pong(a, b, n));
    for (int i = 0; i < n; i++) {
      await(a.put(i));
      int reply = await(b.get());
      if (reply != i) {
        throw new AssertionError("pingpong: sent " + i + ", got " + reply);
      }
    }
    await(pong);
    return n;
  }

  /** pingpong's echo task: moves each item from {@code a} to {@code b}. */
  @Async
  static void pong(Queue<Integer> a, Queue<Integer> b, int n) {
    for (int i = 0; i < n; i++) {
      Integer item = await(a.get());
      await(b.put(item));
    }
  }

  /** fib: every call is a coroutine; the direct calls are inline awaits, no task each. */
  @Async
  static int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }

  /** sleepers' task body. */
  @Async
  static void sleeper(long ms) {
    await(sleep(Duration.ofMillis(ms)));
  }

  /** sleepers: {@code n} tasks each sleep {@code delays[i]} ms; waits for all of them. */
  @Async
  static int sleepers(int n, long[] delays) {
    List<Task<Void>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(createTask(CoroutinesAsync.sleeper(delays[i])));
    }
    for (Task<Void> task : tasks) {
      await(task);
    }
    return n;
  }

  /** The memory pass's task body: counts itself as started, then sleeps for an hour or more. */
  @Async
  static void heldSleeper(long ms) {
    started++;
    await(sleep(Duration.ofMillis(Measure.HOLD_MS + ms)));
  }

  /**
   * sleepers' untimed memory pass: heap used after a GC with all {@code n} tasks asleep, minus
   * the heap used after a GC before spawning them, per task. {@code handles} (n slots) is
   * allocated by the caller before the baseline, as bench-peers requires. The figure goes to
   * {@code report} at once; then the tasks are cancelled and awaited one at a time, so every one
   * unwinds (one at a time, so that {@code handles} never holds many cancelled tasks, each with
   * its own {@link CancelledException}).
   */
  @Async
  static double sleeperBytes(int n, long[] delays, Task<?>[] handles, DoubleConsumer report) {
    started = 0;
    long before = Measure.heapUsedAfterGc();
    for (int i = 0; i < n; i++) {
      handles[i] = createTask(CoroutinesAsync.heldSleeper(delays[i]));
    }
    while (started < n) {
      await(sleep(Duration.ZERO));
    }
    long after = Measure.heapUsedAfterGc();
    double bytesPerTask = (after - before) / (double) n;
    report.accept(bytesPerTask);
    int cancelled = 0;
    for (int i = 0; i < n; i++) {
      Task<?> task = handles[i];
      handles[i] = null;
      task.cancel();
      try {
        await(task);
      } catch (CancelledException e) {
        cancelled++;
      }
    }
    if (cancelled != n) {
      throw new AssertionError("sleepers: " + cancelled + " of " + n + " tasks cancelled");
    }
    return bytesPerTask;
  }
}
