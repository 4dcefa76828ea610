package io.asyncio4j.it.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledException;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopGroup;
import io.asyncio4j.debug.LoopMetrics;
import io.asyncio4j.streams.GroupServer;
import io.asyncio4j.streams.Streams;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventLoopGroupTest {
  @Test
  void loopsRunOnThreadsOfTheirOwnAndRunReturnsTheResult() {
    try (EventLoopGroup group = new EventLoopGroup(3)) {
      assertEquals(3, group.size());
      Set<String> names = new TreeSet<>();
      for (int i = 0; i < 3; i++) {
        names.add(group.run(GroupFixturesAsync.whereAmI()));
      }
      assertEquals(3, names.size(), names.toString());
      for (String n : names) {
        assertTrue(n.matches("asyncio4j-group-\\d+-loop-[0-2]"), n);
      }
      for (EventLoop loop : group.loops()) {
        assertTrue(group.contains(loop));
      }
      assertFalse(group.contains(new EventLoop()));
    }
  }

  @Test
  void runThrowsTheCoroutinesOwnException() {
    IOException e = new IOException("disk on fire");
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      IOException thrown =
          assertThrows(IOException.class, () -> group.run(GroupFixturesAsync.fail(e)));
      assertTrue(thrown == e);
    }
  }

  @Test
  void closeCancelsTheTasksOfEveryLoopAndWaitsForThem() throws Exception {
    EventLoopGroup group = new EventLoopGroup(2);
    CountDownLatch started = new CountDownLatch(4);
    CountDownLatch finallyRan = new CountDownLatch(4);
    List<CompletableFuture<String>> fs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fs.add(group.submit(GroupFixturesAsync.sleepForever(started, finallyRan)));
    }
    assertTrue(started.await(10, TimeUnit.SECONDS));
    group.close();
    assertEquals(0, finallyRan.getCount());
    assertTrue(group.isTerminated());
    for (EventLoop loop : group.loops()) {
      assertTrue(loop.isClosed());
    }
    for (CompletableFuture<String> f : fs) {
      // a CompletableFuture completed with a CancellationException counts as cancelled (JDK 23+
      // throws a new CancellationException from get(), earlier JDKs the CancelledException)
      assertThrows(java.util.concurrent.CancellationException.class, f::get);
    }
    IllegalStateException closed =
        assertThrows(IllegalStateException.class, () -> group.submit(GroupFixturesAsync.whereAmI()));
    assertEquals("EventLoopGroup is closed", closed.getMessage());
    group.close(); // idempotent
  }

  @Test
  void closeFromInsideATaskStartsTheShutdownWithoutDeadlock() throws Exception {
    EventLoopGroup group = new EventLoopGroup(2);
    CountDownLatch finallyRan = new CountDownLatch(1);
    CompletableFuture<String> f = group.submit(GroupFixturesAsync.closeFromInside(group, finallyRan));
    assertTrue(group.awaitTermination(Duration.ofSeconds(10)));
    assertEquals(0, finallyRan.getCount());
    assertThrows(java.util.concurrent.CancellationException.class, f::get);
    group.close();
  }

  @Test
  void runFromALoopThreadIsRejected() {
    try (EventLoopGroup group = new EventLoopGroup(1)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> Asyncio.run(new BlockingRun(group)));
      assertTrue(
          e.getMessage().startsWith("EventLoopGroup.run() cannot be called from a running event loop"),
          e.getMessage());
    }
  }

  /** A coroutine that calls group.run from a loop thread. */
  private static final class BlockingRun extends io.asyncio4j.spi.AsyncStateMachine<String> {
    private final EventLoopGroup group;

    BlockingRun(EventLoopGroup group) {
      this.group = group;
    }

    @Override
    protected Object step() {
      return group.run(GroupFixturesAsync.whereAmI());
    }
  }

  @Test
  void aHandOffRunsOnTheTargetLoopAndWakesTheCaller() {
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      EventLoop b = group.loops().get(1);
      String r = group.loops().size() > 1 ? runOnLoop(group, 0, GroupFixturesAsync.handOffName(b)) : "";
      String[] parts = r.split(" -> ");
      assertTrue(parts[0].endsWith("-loop-0"), r);
      assertTrue(parts[1].endsWith("-loop-1"), r);
    }
  }

  @Test
  void aHandOffRethrowsTheRemoteExceptionItself() {
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      IOException e = new IOException("remote failure");
      String r = runOnLoop(group, 0, GroupFixturesAsync.handOffFailure(group.loops().get(1), e));
      assertEquals("same IOException: remote failure", r);
    }
  }

  @Test
  void cancellingTheCallerCancelsTheRemoteTask() throws Exception {
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch remoteFinally = new CountDownLatch(1);
      CompletableFuture<String> caller =
          Asyncio.runCoroutineThreadsafe(
              GroupFixturesAsync.handOffSleeper(group.loops().get(1), started, remoteFinally),
              group.loops().get(0));
      assertTrue(started.await(10, TimeUnit.SECONDS));
      caller.cancel(false);
      assertTrue(remoteFinally.await(10, TimeUnit.SECONDS), "the remote task was not cancelled");
    }
  }

  @Test
  void aRemoteTaskThatEndsCancelledCancelsTheCallersFuture() {
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      String r = runOnLoop(group, 0, GroupFixturesAsync.handOffCancelledRemotely(group.loops().get(1)));
      assertEquals("local future cancelled: remote gave up", r);
    }
  }

  @Test
  void aServerOnTheGroupServesAThousandClientsOnEveryLoop() throws Exception {
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      GroupServer server =
          group.run(
              Streams.startServer(
                  group, (r, w) -> GroupFixturesAsync.echo(r, w, servedBy), "127.0.0.1", 0));
      assertEquals(2, server.servers().size());
      int clients = 1000;
      int rounds = 5;
      List<Coroutine<Integer>> cs = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        cs.add(GroupFixturesAsync.client(server.port(), i, rounds));
      }
      List<Integer> oks = Asyncio.run(GroupFixturesAsync.gatherAll(cs));
      assertEquals(clients, oks.size());
      for (int ok : oks) {
        assertEquals(rounds, ok);
      }
      int total = 0;
      for (AtomicInteger n : servedBy.values()) {
        total += n.get();
      }
      assertEquals(clients, total);
      assertEquals(2, servedBy.size(), "connections were not spread over both loops: " + servedBy);
      for (String thread : servedBy.keySet()) {
        assertTrue(thread.matches("asyncio4j-group-\\d+-loop-[01]"), thread);
      }
      server.close();
    }
  }

  @Test
  void aFailingHandlerOnOneLoopIsReportedAndTheOthersKeepServing() throws Exception {
    Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
    List<String> reported = new CopyOnWriteArrayList<>();
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      group.setExceptionHandler(
          (loop, ctx) -> reported.add(ctx.message() + ": " + ctx.exception().getMessage()));
      GroupServer server =
          group.run(
              Streams.startServer(
                  group, (r, w) -> GroupFixturesAsync.echo(r, w, servedBy), "127.0.0.1", 0));
      assertEquals("closed by the server after 0 bytes", Asyncio.run(GroupFixturesAsync.boomClient(server.port())));
      List<Coroutine<Integer>> cs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        cs.add(GroupFixturesAsync.client(server.port(), i, 2));
      }
      for (int ok : Asyncio.run(GroupFixturesAsync.gatherAll(cs))) {
        assertEquals(2, ok);
      }
      assertEquals(
          List.of("Unhandled exception in connection handler: handler failed on purpose"), reported);
    }
  }

  @Test
  void aBlockedLoopIsNamedWhileTheOtherLoopsKeepWorking() throws Exception {
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch blocked = new CountDownLatch(1);
      group.loops().get(0).callSoonThreadsafe(
          () -> {
            blocked.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertTrue(blocked.await(10, TimeUnit.SECONDS));
      try {
        List<LoopMetrics> ms = group.metrics(Duration.ofMillis(300));
        assertTrue(ms.get(0).isBlocked(), ms.toString());
        assertTrue(ms.get(0).getThreadName().endsWith("-loop-0"), ms.toString());
        assertFalse(ms.get(1).isBlocked(), ms.toString());
        assertNotEquals(-1, ms.get(1).getLagMicros());
        String r =
            Asyncio.runCoroutineThreadsafe(GroupFixturesAsync.whereAmI(), group.loops().get(1))
                .get(10, TimeUnit.SECONDS);
        assertTrue(r.endsWith("-loop-1"), r);
      } finally {
        release.countDown();
      }
      List<LoopMetrics> after = group.metrics(Duration.ofSeconds(10));
      assertFalse(after.get(0).isBlocked(), after.toString());
      assertEquals(0, after.get(0).getTasksAlive());
      assertTrue(after.get(1).getTaskSteps() >= 2, after.toString());
    }
  }

  private static <T> T runOnLoop(EventLoopGroup group, int i, Coroutine<T> coro) {
    try {
      return Asyncio.runCoroutineThreadsafe(coro, group.loops().get(i)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

}
