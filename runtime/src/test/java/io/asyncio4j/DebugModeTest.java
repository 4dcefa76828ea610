package io.asyncio4j;

import static io.asyncio4j.Coro.awaitingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Debug mode: slow steps with their async stacks, creation sites, wrong-thread calls. */
class DebugModeTest {
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<ExceptionContext> reported = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  {
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
    loop.warnings = warnings::add;
  }

  @AfterEach
  void closeLoop() {
    if (!loop.isClosed() && !loop.isRunning()) {
      loop.close();
    }
    assertEquals(List.of(), reported, "unexpected exception-handler reports");
  }

  /** Debug mode is off unless asked for (the test JVM does not set -Dasyncio4j.debug). */
  @Test
  void debugModeIsOffByDefault() {
    assertFalse(new EventLoop().getDebug());
    assertFalse(loop.getDebug());
  }

  /** A slow task step is reported with where it resumed and where it suspended or finished. */
  @Test
  void aSlowStepIsReportedWithWhereItResumedAndSuspended() {
    loop.setDebug(true);
    loop.setSlowCallbackDuration(Duration.ofMillis(50));
    Future<String> gate = loop.createFuture();
    Task<String> t =
        loop.createTask(
            Coro.<String>start(
                    v -> {
                      Loops.advance(loop, Duration.ofMillis(200));
                      return awaitingAt(gate, "slow", 12);
                    })
                .then(
                    v -> {
                      Loops.advance(loop, Duration.ofMillis(300));
                      return "done " + v;
                    }),
            "t");
    Loops.runIterations(loop, 1);
    gate.setResult("x");
    Loops.runBriefly(loop);
    assertEquals("done x", t.result());
    assertEquals(
        List.of(
            "Executing t step took 0.200 seconds\n"
                + "  the step started the task\n"
                + "  and then suspended at\n"
                + "\tat Test.slow(Test.java:12)",
            "Executing t step took 0.300 seconds\n"
                + "  the step resumed at\n"
                + "\tat Test.slow(Test.java:12)\n"
                + "  and finished the task, leaving Test.slow (Test.java)"),
        warnings);
  }

  /** A fast step is not reported, and nothing is reported outside debug mode. */
  @Test
  void fastStepsAndNonDebugLoopsReportNothing() {
    loop.setSlowCallbackDuration(Duration.ofMillis(50));
    loop.createTask(
        Coro.start(
            v -> {
              Loops.advance(loop, Duration.ofMillis(200));
              return "slow but not debugging";
            }));
    Loops.runIterations(loop, 1);
    loop.setDebug(true);
    loop.createTask(Coro.returning("fast"));
    Loops.runIterations(loop, 1);
    assertEquals(List.of(), warnings);
  }

  /** A failed task nobody awaited is reported with where it was created (debug mode only). */
  @Test
  @Timeout(30)
  void aNeverRetrievedTaskExceptionNamesWhereTheTaskWasCreated() {
    EventLoop real = new EventLoop();
    real.setDebug(true);
    List<ExceptionContext> reports = new ArrayList<>();
    real.setExceptionHandler((l, ctx) -> reports.add(ctx));
    IOException boom = new IOException("lost");
    real.createTask(Coro.throwing(boom), "forgotten");
    Loops.runIterations(real, 1);
    for (int i = 0; i < 500 && reports.isEmpty(); i++) {
      System.gc();
      Loops.runFor(real, Duration.ofMillis(10));
    }
    real.close();
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Task exception was never retrieved", reports.get(0).message());
    assertSame(boom, reports.get(0).exception());
    String source = (String) reports.get(0).source();
    assertTrue(
        source.startsWith(
            "Task forgotten, created at\n\tat io.asyncio4j.DebugModeTest"
                + ".aNeverRetrievedTaskExceptionNamesWhereTheTaskWasCreated(DebugModeTest.java:"),
        source);
  }

  /** Debug mode: loop-confined calls from another thread throw instead of corrupting the loop. */
  @Test
  @Timeout(30)
  void callsFromAnotherThreadThrowInDebugMode() throws Exception {
    EventLoop real = new EventLoop();
    real.setDebug(true);
    List<Throwable> seen = new ArrayList<>();
    Future<String> gate = real.createFuture();
    real.callSoon(
        () -> {
          Thread other =
              new Thread(
                  () -> {
                    seen.add(
                        assertThrows(IllegalStateException.class, () -> real.callSoon(() -> {})));
                    seen.add(
                        assertThrows(
                            IllegalStateException.class,
                            () -> real.createTask(Coro.returning("x"))));
                    seen.add(assertThrows(IllegalStateException.class, real::stop));
                    seen.add(
                        assertThrows(
                            IllegalStateException.class, () -> gate.addDoneCallback(f -> {})));
                    seen.add(
                        assertThrows(
                            IllegalStateException.class, () -> gate.removeDoneCallback(f -> {})));
                    real.callSoonThreadsafe(() -> gate.setResult("done"));
                  },
                  "intruder");
          other.start();
        });
    assertEquals("done", real.runUntilComplete(gate));
    real.close();
    assertEquals(5, seen.size());
    assertTrue(
        seen.get(0)
            .getMessage()
            .startsWith(
                "Non-thread-safe operation invoked on an event loop"
                    + " other than the current one: called from thread intruder"),
        seen.get(0).getMessage());
  }
}
