package io.asyncio4j.benchmarks.jmh;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The coroutine hot paths, each as a batch of {@value #BATCH} operations inside one task (the
 * task's creation is amortised over the batch), in ns per operation:
 *
 * <ul>
 *   <li>{@code resumeYield}: suspend + resume through the ready queue ({@code await(sleep(0))});
 *   <li>{@code resumeFuture}: suspend on a pending future that a {@code callSoon} callback
 *       completes (future, handle, done wake-up, resume);
 *   <li>{@code awaitDoneFuture}: the synchronous fast path, a done future's value;
 *   <li>{@code awaitInlineCoroutine}: a direct call of an {@code @Async} method that returns
 *       without suspending (one state machine allocated, run inline);
 *   <li>{@code createTask}: a task created and later awaited, per task.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoroutineBench {
  static final int BATCH = 1000;

  private EventLoop loop;
  private Future<Integer> done;

  @Setup
  public void setUp() {
    loop = new EventLoop();
    done = loop.createFuture();
    done.setResult(7);
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int resumeYield() {
    return loop.runUntilComplete(BenchCoroutinesAsync.yieldLoop(BATCH));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long resumeFuture() {
    return loop.runUntilComplete(BenchCoroutinesAsync.futureLoop(BATCH));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long awaitDoneFuture() {
    return loop.runUntilComplete(BenchCoroutinesAsync.doneFutureLoop(done, BATCH));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long awaitInlineCoroutine() {
    return loop.runUntilComplete(BenchCoroutinesAsync.inlineLoop(BATCH));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long createTask() {
    return loop.runUntilComplete(BenchCoroutinesAsync.spawnLoop(BATCH));
  }
}
