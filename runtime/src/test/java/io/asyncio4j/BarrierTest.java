package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BarrierTest {
  private final EventLoop loop = newLoop();

  private List<Task<Object>> arrive(Barrier b, int n, List<Object> log) {
    List<Task<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tasks.add(
          loop.createTask(
              co(v -> b.arriveAndWait(), v -> log.add(v))
                  .onError(e -> log.add(e.getClass().getSimpleName()))));
    }
    return tasks;
  }

  @Test
  void partiesMustBePositive() {
    // BR1
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    assertEquals("parties: 0 (expected: > 0)", e.getMessage());
  }

  @Test
  void releasesAllPartiesWithDistinctIndices() {
    // BR1: test_filling_tasks_check_return_value
    Barrier b = new Barrier(3);
    List<Object> log = Toolkit.log();
    arrive(b, 2, log);
    runBriefly(loop);
    assertEquals(List.of(), log);
    assertEquals(2, b.nWaiting());
    arrive(b, 1, log);
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(new TreeSet<>(List.of(0, 1, 2)), new TreeSet<>(log));
    assertEquals(0, b.nWaiting());
    assertFalse(b.broken());
  }

  @Test
  void singlePartyBarrierReturnsAtOnce() {
    // BR1
    Barrier b = new Barrier(1);
    assertEquals(0, loop.runUntilComplete(b.arriveAndWait()));
    assertEquals(0, loop.runUntilComplete(b.arriveAndWait()));
  }

  @Test
  void barrierIsCyclic() {
    // BR2: test_filling_tasks_wait_twice
    Barrier b = new Barrier(2);
    List<Object> log = Toolkit.log();
    for (int round = 0; round < 2; round++) {
      arrive(b, 2, log);
      runBriefly(loop);
      runBriefly(loop);
    }
    assertEquals(4, log.size());
    assertEquals(new TreeSet<>(List.of(0, 1)), new TreeSet<>(log.subList(0, 2)));
    assertEquals(new TreeSet<>(List.of(0, 1)), new TreeSet<>(log.subList(2, 4)));
    assertEquals("Barrier[filling, waiters:0/2]", b.toString());
  }

  @Test
  void tasksArrivingWhileDrainingWaitForTheNextCycle() {
    // BR2: test_blocking_tasks_while_draining / test_draining_state
    Barrier b = new Barrier(2);
    List<Object> log = Toolkit.log();
    arrive(b, 1, log);
    runBriefly(loop);
    arrive(b, 1, log); // trips: the first waiter is released but has not left yet
    loop.runUntilComplete(co(v -> null)); // one step: the releasing task ran
    List<Object> late = Toolkit.log();
    arrive(b, 1, late);
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(2, log.size());
    assertEquals(List.of(), late);
    assertEquals(1, b.nWaiting()); // the late task now fills the next cycle
    arrive(b, 1, late);
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(new TreeSet<>(List.of(0, 1)), new TreeSet<>(late));
  }

  @Test
  void cancelledWaiterLeavesTheCount() {
    // BR3
    Barrier b = new Barrier(3);
    List<Object> log = Toolkit.log();
    List<Task<Object>> ts = arrive(b, 2, log);
    runBriefly(loop);
    assertEquals(2, b.nWaiting());
    ts.get(0).cancel();
    runBriefly(loop);
    assertEquals(1, b.nWaiting());
    assertEquals(List.of("CancelledException"), log);
    assertFalse(b.broken());
  }

  @Test
  void resetBreaksCurrentWaitersButKeepsTheBarrierUsable() {
    // BR4
    Barrier b = new Barrier(3);
    List<Object> log = Toolkit.log();
    arrive(b, 2, log);
    runBriefly(loop);
    b.reset();
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(List.of("BrokenBarrierException", "BrokenBarrierException"), log);
    assertFalse(b.broken());
    assertEquals(0, b.nWaiting());
    List<Object> again = Toolkit.log();
    arrive(b, 3, again);
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(new TreeSet<>(List.of(0, 1, 2)), new TreeSet<>(again));
  }

  @Test
  void resetWhileHalfDrainedBreaksTheTasksNotYetOut() {
    // BR4: test_reset_barrier_when_tasks_half_draining
    Barrier b = new Barrier(2);
    List<Object> log = Toolkit.log();
    arrive(b, 1, log);
    runBriefly(loop);
    loop.runUntilComplete(
        co(
            v -> b.arriveAndWait(),
            v -> {
              b.reset(); // the first waiter was released but has not resumed yet
              return v;
            }));
    runBriefly(loop);
    assertEquals(List.of("BrokenBarrierException"), log);
    assertFalse(b.broken());
    assertEquals("Barrier[filling, waiters:0/2]", b.toString());
  }

  @Test
  void abortBreaksCurrentAndLaterWaitsUntilReset() {
    // BR5
    Barrier b = new Barrier(3);
    List<Object> log = Toolkit.log();
    arrive(b, 2, log);
    runBriefly(loop);
    b.abort();
    runBriefly(loop);
    runBriefly(loop);
    assertTrue(b.broken());
    assertEquals(List.of("BrokenBarrierException", "BrokenBarrierException"), log);
    BrokenBarrierException e =
        assertThrows(BrokenBarrierException.class, () -> loop.runUntilComplete(b.arriveAndWait()));
    assertEquals("Barrier aborted", e.getMessage());
    assertEquals("Barrier[broken]", b.toString());
    b.reset();
    assertFalse(b.broken());
    List<Object> again = Toolkit.log();
    arrive(b, 3, again);
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(new TreeSet<>(List.of(0, 1, 2)), new TreeSet<>(again));
  }
}
