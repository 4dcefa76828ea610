package io.asyncio4j.benchmarks.jmh;

import io.asyncio4j.EventLoop;
import io.asyncio4j.TimerHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The loop's own scheduling paths, in ns per operation. A batch of {@value #BATCH} operations
 * is queued from the benchmark thread while the loop is stopped (allowed: the loop is not
 * running), then one loop iteration ({@code stop(); runForever()}) runs what is due.
 *
 * <ul>
 *   <li>{@code callSoon}: {@code callSoon} + its dispatch by the loop;
 *   <li>{@code timerInsertCancel}: {@code callLater(1 h)} + {@code cancel()}, including the lazy
 *       removal of cancelled timers, with {@code liveTimers} other timers in the heap.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoopBench {
  static final int BATCH = 1000;
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Runnable NOOP = () -> {};

  @Param({"0", "100000"})
  public int liveTimers;

  private EventLoop loop;
  private final TimerHandle[] handles = new TimerHandle[BATCH];
  private final Counter counter = new Counter();

  /** A callback with an observable effect. */
  static final class Counter implements Runnable {
    long count;

    @Override
    public void run() {
      count++;
    }
  }

  @Setup
  public void setUp() {
    loop = new EventLoop();
    for (int i = 0; i < liveTimers; i++) {
      loop.callLater(HOUR.plusMillis(i), NOOP);
    }
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long callSoon() {
    for (int i = 0; i < BATCH; i++) {
      loop.callSoon(counter);
    }
    loop.stop();
    loop.runForever();
    return counter.count;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public boolean timerInsertCancel() {
    for (int i = 0; i < BATCH; i++) {
      handles[i] = loop.callLater(HOUR, NOOP);
    }
    for (int i = 0; i < BATCH; i++) {
      handles[i].cancel();
    }
    loop.stop();
    loop.runForever();
    return handles[BATCH - 1].cancelled();
  }
}
