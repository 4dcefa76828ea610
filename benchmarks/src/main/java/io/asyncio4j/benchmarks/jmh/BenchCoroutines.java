package io.asyncio4j.benchmarks.jmh;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code @Async} bodies the JMH benchmarks run; each does one operation {@code n} times. */
final class BenchCoroutines {
  private BenchCoroutines() {}

  /** Suspend and resume through the loop {@code n} times ({@code sleep(0)}: a bare yield). */
  @Async
  static int yieldLoop(int n) {
    for (int i = 0; i < n; i++) {
      await(sleep(Duration.ZERO));
    }
    return n;
  }

  /** Suspend on a pending future {@code n} times; a callback completes it. */
  @Async
  static long futureLoop(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      Future<Integer> future = getRunningLoop().createFuture();
      getRunningLoop().callSoon(new Completer(future, i));
      sum += await(future);
    }
    return sum;
  }

  /** The fast path: await a future that is already done, {@code n} times. */
  @Async
  static long doneFutureLoop(Future<Integer> done, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(done);
    }
    return sum;
  }

  /** The inline path: {@code n} direct calls of an {@code @Async} method that never suspends. */
  @Async
  static long inlineLoop(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += ret(i);
    }
    return sum;
  }

  @Async
  static int ret(int i) {
    return i;
  }

  /** {@code n} tasks created, then awaited in order. */
  @Async
  static long spawnLoop(int n) {
    List<Task<Integer>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(createTask(BenchCoroutinesAsync.ret(i)));
    }
    long sum = 0;
    for (Task<Integer> task : tasks) {
      sum += await(task);
    }
    return sum;
  }
}
