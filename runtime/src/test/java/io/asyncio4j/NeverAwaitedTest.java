package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What nobody awaited: a failed task is reported when its loop closes at the latest (not only if
 * the garbage collector runs), and, in debug mode, a coroutine that never started.
 */
class NeverAwaitedTest {
  private final List<ExceptionContext> reports = new ArrayList<>();

  @Test
  void aFailedTaskNobodyAwaitedIsReportedWhenAsyncioRunReturns() {
    EventLoop loop = EventLoop.withVirtualTime();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    IOException boom = new IOException("lost");
    Task<?>[] background = new Task<?>[1];
    String result =
        Asyncio.run(
            Coro.<String>start(
                    v -> {
                      background[0] = Asyncio.createTask(Coro.throwing(boom), "background");
                      return Coro.awaiting(Asyncio.sleep(java.time.Duration.ZERO));
                    })
                .then(v -> "main done"),
            loop);
    assertEquals("main done", result);
    assertTrue(background[0].done());
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Task exception was never retrieved", reports.get(0).message());
    assertSame(boom, reports.get(0).exception());
    assertEquals("Task background", reports.get(0).source());
  }

  @Test
  void aFailedTaskIsReportedOnceEvenIfCollectedAfterClose() {
    EventLoop loop = EventLoop.withVirtualTime();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    loop.createTask(Coro.throwing(new IOException("lost")), "forgotten");
    Loops.runIterations(loop, 1);
    loop.close();
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    assertEquals(1, reports.size(), reports.toString());
  }

  @Test
  void aRetrievedFailureIsNotReported() {
    EventLoop loop = EventLoop.withVirtualTime();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    Task<Object> t = loop.createTask(Coro.throwing(new IOException("seen")));
    Loops.runIterations(loop, 1);
    assertEquals("seen", t.exception().getMessage());
    loop.close();
    assertEquals(List.of(), reports);
  }

  @Test
  void aFailedPlainFutureNobodyRetrievedIsReportedAtClose() {
    EventLoop loop = EventLoop.withVirtualTime();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    Future<String> f = loop.createFuture();
    f.setException(new IllegalStateException("nobody looked"));
    loop.close();
    assertEquals(1, reports.size(), reports.toString());
    assertEquals("Future exception was never retrieved", reports.get(0).message());
    assertEquals("nobody looked", reports.get(0).exception().getMessage());
  }

  @Test
  void aNeverStartedCoroutineIsReportedWithWhereItWasCreated() {
    Coroutine<String> c = Coro.returning("never");
    NeverStarted.Tracker t = NeverStarted.created(c);
    List<String> logged = new ArrayList<>();
    java.util.function.Consumer<String> saved = NeverStarted.sink;
    NeverStarted.sink = logged::add;
    try {
      t.run(); // what the Cleaner does once c is garbage
      t.run(); // at most once
    } finally {
      NeverStarted.sink = saved;
    }
    assertEquals(1, logged.size());
    String[] lines = logged.get(0).split("\n");
    assertEquals(
        "coroutine Coro was never awaited, so it never ran (await it, or wrap it in createTask);"
            + " created at",
        lines[0]);
    assertTrue(
        lines[1].startsWith(
            "\tat io.asyncio4j.NeverAwaitedTest.aNeverStartedCoroutineIsReportedWithWhereItWasCreated"
                + "(NeverAwaitedTest.java:"),
        lines[1]);
  }

  @Test
  void aStartedCoroutineIsNotReported() {
    Coroutine<String> c = Coro.returning("ran");
    NeverStarted.Tracker t = NeverStarted.created(c);
    List<String> logged = new ArrayList<>();
    java.util.function.Consumer<String> saved = NeverStarted.sink;
    NeverStarted.sink = logged::add;
    try {
      NeverStarted.started(c);
      t.run();
    } finally {
      NeverStarted.sink = saved;
    }
    assertEquals(List.of(), logged);
  }

  @Test
  void aGeneratedLineInACreationSiteIsShownAsTheUsersLine() {
    ClassLoader loader = getClass().getClassLoader();
    assertEquals(
        new StackTraceElement("demo.Leaf", "leaf", "Leaf.java", 21),
        AsyncStackTraces.userFrame(AsyncStackTraceTest.generated("step", 1001), loader));
    StackTraceElement unmapped = AsyncStackTraceTest.generated("step", 1003);
    assertSame(unmapped, AsyncStackTraces.userFrame(unmapped, loader));
    StackTraceElement plain = new StackTraceElement("demo.Main", "main", "Main.java", 3);
    assertSame(plain, AsyncStackTraces.userFrame(plain, loader));
  }
}
