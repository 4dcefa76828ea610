package io.asyncio4j.benchmarks.jmh;

import io.asyncio4j.EventLoop;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code callSoonThreadsafe} under contention: two producer threads ({@code @Threads(2)}) submit
 * callbacks to one loop that runs on its own thread, in ns per submitted-and-run callback per
 * producer. Each producer keeps at most {@value #WINDOW} callbacks in flight (it yields its core
 * until the loop has run older ones), so the inbox cannot grow without bound and the number
 * includes the loop's wake-ups. On a 2-core machine the three threads share two cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ThreadsafeBench {
  static final int WINDOW = 1024;

  /** The loop, running on its own thread for the whole trial. */
  @State(Scope.Benchmark)
  public static class Loop {
    EventLoop loop;
    Thread thread;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
      loop = new EventLoop();
      thread = new Thread(loop::runForever, "asyncio4j-bench-loop");
      thread.setDaemon(true);
      thread.start();
      while (!loop.isRunning()) {
        Thread.onSpinWait();
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      loop.callSoonThreadsafe(loop::stop);
      thread.join();
      loop.close();
    }
  }

  /** One producer's in-flight accounting. */
  @State(Scope.Thread)
  public static class Producer {
    long submitted;
    final AtomicLong ran = new AtomicLong();
    final Runnable ack = () -> ran.lazySet(ran.get() + 1);

    @TearDown(Level.Iteration)
    public void drain() {
      while (ran.get() < submitted) {
        Thread.yield();
      }
    }
  }

  @Benchmark
  @Threads(2)
  public long callSoonThreadsafe(Loop loop, Producer producer) {
    while (producer.submitted - producer.ran.get() >= WINDOW) {
      Thread.yield();
    }
    producer.submitted++;
    loop.loop.callSoonThreadsafe(producer.ack);
    return producer.submitted;
  }
}
