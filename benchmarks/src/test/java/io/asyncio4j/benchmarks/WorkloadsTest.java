package io.asyncio4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.Asyncio;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs every workload at a tiny size: the benchmark code is built by CI but never timed there. */
class WorkloadsTest {
  private static final Pattern LINE =
      Pattern.compile(
          "peer=asyncio4j workload=(yield|spawn|spawn-each|pingpong|fib) n=\\d+"
              + " ns_per_op=\\d+\\.\\d peak_heap_mb=\\d+\\.\\d peak_rss_mb=(\\d+\\.\\d|NA)");

  @Test
  void eachWorkloadPrintsOneResultLine() throws Throwable {
    for (String workload : new String[] {"yield", "spawn", "spawn-each", "pingpong", "fib"}) {
      List<String> lines = new ArrayList<>();
      Workloads.run(workload, workload.equals("fib") ? 12 : 2_000, lines::add);
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(LINE.matcher(lines.get(0)).matches(), lines.get(0));
    }
  }

  @Test
  void workloadsReturnTheirOperationCounts() throws Throwable {
    assertEquals(1_000, Workloads.yieldOps(1_000));
    assertEquals(1_000, Workloads.spawnOps(1_000));
    assertEquals(1_000, Workloads.pingpongOps(1_000));
    assertEquals(Measure.fibCalls(15), Workloads.fibOps(15));
    assertEquals(610, Workloads.fibSink);
  }

  @Test
  void fibCountsEveryCall() throws Throwable {
    assertEquals(635_621, Measure.fibCalls(27));
    assertEquals(1, Measure.fibCalls(1));
    assertEquals(196_418, (int) Asyncio.run(CoroutinesAsync.fib(27)));
  }

  @Test
  void sleepersWaitForEveryTaskAndTheMemoryPassCancelsThemAll() throws Throwable {
    long[] delays = {3, 1, 2, 1, 3};
    assertEquals(5, Workloads.sleepersOps(5, delays));
    List<Double> reported = new ArrayList<>();
    double bytes = Workloads.sleeperBytesPerTask(1_000, Measure.delaysMs(1_000), reported::add);
    assertTrue(bytes > 0 && bytes < 10_000, "bytes per task: " + bytes);
    assertEquals(List.of(bytes), reported);
  }

  @Test
  void sleeperDelaysAreTheSharedSeedsDraws() {
    long[] delays = Measure.delaysMs(100_000);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long d : delays) {
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertEquals(1, min);
    assertEquals(1000, max);
  }
}
