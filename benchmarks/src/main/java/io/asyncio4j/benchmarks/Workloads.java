package io.asyncio4j.benchmarks;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Runs the bench-peers workloads on asyncio4j and prints one bench-peers result line each.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.asyncio4j.benchmarks.Workloads \
 *     yield=5000000 spawn=1000000 pingpong=1000000 fib=27 sleepers=1000000
 * </pre>
 *
 * <p>Sizes default to bench-peers' full sizes; 0 skips a workload. {@code spawn-each=N} (off by
 * default) adds spawn with each task awaited in order instead of {@code gather}. Every run of a
 * workload is one {@link Asyncio#run} (a fresh event loop on this thread). {@code
 * benchmarks/compare} starts a fresh JVM per workload, as bench-peers does for its peers.
 */
public final class Workloads {
  private Workloads() {}

  public static void main(String[] args) throws Throwable {
    Map<String, Integer> sizes = Measure.sizes(args);
    for (String workload : Measure.ORDER) {
      int n = sizes.get(workload);
      if (n > 0) {
        run(
            workload,
            n,
            line -> {
              System.out.println(line);
              System.out.flush();
            });
      }
    }
  }

  /**
   * Measures one workload at size {@code n} and passes its result line to {@code out}. For
   * sleepers the line is passed as soon as the memory snapshot is taken, before the memory pass
   * cancels its tasks, so that a failure while they unwind cannot hide the numbers.
   */
  static void run(String workload, int n, Consumer<String> out) throws Throwable {
    switch (workload) {
      case "yield":
        out.accept(Measure.line(workload, n, Measure.measure(workload, n, Workloads::yieldOps)));
        break;
      case "spawn":
        out.accept(Measure.line(workload, n, Measure.measure(workload, n, Workloads::spawnOps)));
        break;
      case "spawn-each":
        out.accept(
            Measure.line(workload, n, Measure.measure(workload, n, Workloads::spawnEachOps)));
        break;
      case "pingpong":
        out.accept(
            Measure.line(workload, n, Measure.measure(workload, n, Workloads::pingpongOps)));
        break;
      case "fib":
        out.accept(Measure.line(workload, n, Measure.measure(workload, n, Workloads::fibOps)));
        break;
      case "sleepers":
        long[] delays = Measure.delaysMs(n);
        Measure.Result result = Measure.measure(workload, n, k -> sleepersOps(k, delays));
        sleeperBytesPerTask(
            n, delays, bytes -> out.accept(Measure.line(workload, n, result, bytes)));
        break;
      default:
        throw new IllegalArgumentException("unknown workload: " + workload);
    }
  }

  static long yieldOps(int n) throws Throwable {
    return Asyncio.run(CoroutinesAsync.yieldLoop(n));
  }

  static long spawnOps(int n) throws Throwable {
    return Asyncio.run(CoroutinesAsync.spawn(n));
  }

  static long spawnEachOps(int n) throws Throwable {
    return Asyncio.run(CoroutinesAsync.spawnEach(n));
  }

  static long pingpongOps(int n) throws Throwable {
    return Asyncio.run(CoroutinesAsync.pingpong(n));
  }

  /** Kept in a field so that the JIT cannot drop the computation. */
  static volatile int fibSink;

  static long fibOps(int n) throws Throwable {
    fibSink = Asyncio.run(CoroutinesAsync.fib(n));
    return Measure.fibCalls(n);
  }

  /** Runs the first {@code n} delays (the warm-up uses a prefix of the measured run's delays). */
  static long sleepersOps(int n, long[] delays) throws Throwable {
    return Asyncio.run(CoroutinesAsync.sleepers(n, delays));
  }

  /** The untimed memory pass: bytes of heap per suspended sleeping task, also to {@code report}. */
  static double sleeperBytesPerTask(int n, long[] delays, DoubleConsumer report)
      throws Throwable {
    Task<?>[] handles = new Task<?>[n];
    return Asyncio.run(CoroutinesAsync.sleeperBytes(n, delays, handles, report));
  }
}
