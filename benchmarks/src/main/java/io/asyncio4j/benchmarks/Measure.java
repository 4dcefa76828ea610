package io.asyncio4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The measurement rules of bench-peers (its README, "Result line" and "Workloads"), so that our
 * numbers mean what the peers' numbers mean: a warm-up run at 1/10 size (fib: n − 5), a full GC,
 * then one timed run with the heap pools' peaks and the process's peak RSS reset at its start.
 */
final class Measure {
  /**
   * Workloads in the order a process runs them (sleepers last: see bench-peers' README). {@code
   * spawn-each} is ours alone (spawn awaiting each task instead of gathering) and off by default.
   */
  static final List<String> ORDER =
      List.of("yield", "spawn", "spawn-each", "pingpong", "fib", "sleepers");

  /** Memory pass of sleepers: tasks sleep this much longer, so none wakes before the snapshot. */
  static final long HOLD_MS = 3_600_000L;

  private Measure() {}

  /** A workload body: runs size {@code n} and returns the number of operations it performed. */
  interface Body {
    long run(int n) throws Throwable;
  }

  /** One measured run. */
  record Result(double nsPerOp, String peakHeapMb, String peakRssMb) {}

  /** Parses {@code key=value} sizes over the full-size defaults; 0 skips a workload. */
  static Map<String, Integer> sizes(String[] args) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("yield", 5_000_000);
    sizes.put("spawn", 1_000_000);
    sizes.put("spawn-each", 0);
    sizes.put("pingpong", 1_000_000);
    sizes.put("fib", 27);
    sizes.put("sleepers", 1_000_000);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0 || !sizes.containsKey(arg.substring(0, eq))) {
        throw new IllegalArgumentException(
            "unknown argument: "
                + arg
                + " (expected: yield=N spawn=N spawn-each=N pingpong=N fib=N sleepers=N)");
      }
      sizes.put(arg.substring(0, eq), Integer.parseInt(arg.substring(eq + 1)));
    }
    return sizes;
  }

  /** The warm-up size: 1/10 of {@code n}; for fib {@code n - 5}, about 1/11 of the calls. */
  static int warmUpSize(String workload, int n) {
    return workload.equals("fib") ? Math.max(1, n - 5) : Math.max(1, n / 10);
  }

  /** How many calls {@code fib(n)} makes: {@code 2·F(n+1) − 1}. */
  static long fibCalls(int n) {
    long previous = 0;
    long current = 1;
    for (int i = 0; i < n; i++) {
      long next = previous + current;
      previous = current;
      current = next;
    }
    return 2 * current - 1;
  }

  /** Sleep times of the sleepers workload: uniform 1..1000 ms from {@code SplittableRandom(42)}. */
  static long[] delaysMs(int n) {
    SplittableRandom random = new SplittableRandom(42);
    long[] delays = new long[n];
    for (int i = 0; i < n; i++) {
      delays[i] = random.nextInt(1, 1001);
    }
    return delays;
  }

  static void fullGc() {
    System.gc();
    System.gc();
  }

  /** Heap in use right after a full GC, in bytes. */
  static long heapUsedAfterGc() {
    fullGc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Warm-up at the warm-up size, a full GC, then the timed run at size {@code n}. */
  static Result measure(String workload, int n, Body body) throws Throwable {
    body.run(warmUpSize(workload, n));
    fullGc();
    resetPeaks();
    long start = System.nanoTime();
    long ops = body.run(n);
    long wall = System.nanoTime() - start;
    return new Result(wall / (double) ops, peakHeapMb(), peakRssMb());
  }

  /** The bench-peers result line of a workload other than sleepers. */
  static String line(String workload, int n, Result result) {
    return line(workload, n, result, null);
  }

  /** The bench-peers result line; {@code bytesPerTask} is null except for sleepers. */
  static String line(String workload, int n, Result result, Double bytesPerTask) {
    StringBuilder sb = new StringBuilder("peer=asyncio4j");
    sb.append(" workload=").append(workload).append(" n=").append(n);
    sb.append(" ns_per_op=").append(String.format(Locale.ROOT, "%.1f", result.nsPerOp()));
    sb.append(" peak_heap_mb=").append(result.peakHeapMb());
    if (bytesPerTask != null) {
      sb.append(" bytes_per_task=").append(Math.round(bytesPerTask));
    }
    sb.append(" peak_rss_mb=").append(result.peakRssMb());
    return sb.toString();
  }

  /** Resets the heap pools' peak usage and (Linux) the process's peak RSS, VmHWM. */
  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // Not Linux: peak_rss_mb then covers the process's whole life, or is NA.
    }
  }

  /** Sum of the heap pools' peaks: an upper bound, because the pools peak at different times. */
  private static String peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return String.format(Locale.ROOT, "%.1f", sum / 1048576.0);
  }

  private static String peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f", kb / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux.
    }
    return "NA";
  }
}
