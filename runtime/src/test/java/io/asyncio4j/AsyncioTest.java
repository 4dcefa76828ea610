package io.asyncio4j;

import static io.asyncio4j.Coro.awaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncioTest {
  /** LC7: asyncio.run returns the coroutine's result. */
  @Test
  void runReturnsTheResult() {
    assertEquals(42, Asyncio.run(Coro.returning(42), EventLoop.withVirtualTime()));
  }

  /** LC7: asyncio.run re-raises the coroutine's exception, a checked one too, unwrapped. */
  @Test
  void runRethrowsTheOriginalException() {
    IOException boom = new IOException("boom");
    IOException thrown =
        assertThrows(
            IOException.class,
            () -> Asyncio.run(Coro.throwing(boom), EventLoop.withVirtualTime()));
    assertSame(boom, thrown);
  }

  /** Virtual time: an hour's sleep takes no real time and advances the loop clock by an hour. */
  @Test
  void sleepOnVirtualTimeJumpsToTheDeadline() {
    EventLoop loop = EventLoop.withVirtualTime();
    long[] before = new long[1];
    String r =
        Asyncio.run(
            Coro.<String>start(
                    v -> {
                      before[0] = loop.time();
                      return awaiting(Asyncio.sleep(Duration.ofHours(1), "woke"));
                    })
                .then(v -> v + "@" + (loop.time() - before[0])),
            loop);
    assertEquals("woke@" + Duration.ofHours(1).toNanos(), r);
  }

  /** Calling await() from plain Java names the generated entry point to use instead. */
  @Test
  void awaitOutsideCoroutineNamesTheCompanionEntryPoint() {
    IllegalStateException e = assertThrows(IllegalStateException.class, Crawler::page);
    assertEquals(
        "await() called outside a coroutine: AsyncioTest.Crawler.page(...) is @Async; call"
            + " AsyncioTest_CrawlerAsync.page(...) and run the returned Coroutine (Asyncio.run /"
            + " createTask / await) instead",
        e.getMessage());
  }

  static final class Crawler {
    static String page() {
      return Asyncio.await(Asyncio.sleep(Duration.ZERO, "x"));
    }
  }

  /** LC8: run() cancels tasks still pending at the end and waits for them to unwind. */
  @Test
  void runCancelsLeftoverTasksAndWaitsForThem() {
    List<String> log = new ArrayList<>();
    Coro<String> main =
        Coro.<String>start(
            v -> {
              Asyncio.createTask(
                  Coro.start(w -> awaiting(Asyncio.sleep(Duration.ofDays(1))))
                      .handle(
                          (w, e) -> {
                            log.add("child saw " + e.getClass().getSimpleName());
                            return Coro.rethrow(e, w);
                          }));
              return awaiting(Asyncio.sleep(Duration.ZERO));
            })
            .then(v -> "main done");
    assertEquals("main done", Asyncio.run(main, EventLoop.withVirtualTime()));
    assertEquals(List.of("child saw CancelledException"), log);
  }

  /** LC8: an exception raised while a leftover task unwinds goes to the exception handler. */
  @Test
  void runReportsErrorsOfTasksUnwindingAtShutdown() {
    EventLoop loop = EventLoop.withVirtualTime();
    List<ExceptionContext> reported = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
    IllegalStateException unwindError = new IllegalStateException("failed while unwinding");
    Task<?>[] hanging = new Task<?>[1];
    Coro<String> main =
        Coro.<String>start(
            v -> {
              hanging[0] =
                  Asyncio.createTask(
                      Coro.start(w -> awaiting(Asyncio.sleep(Duration.ofDays(1))))
                          .handle(
                              (w, e) -> {
                                throw unwindError;
                              }));
              return "main done";
            });
    assertEquals("main done", Asyncio.run(main, loop));
    assertTrue(loop.isClosed());
    assertEquals(1, reported.size());
    assertEquals("unhandled exception during Asyncio.run() shutdown", reported.get(0).message());
    assertSame(unwindError, reported.get(0).exception());
    assertSame(hanging[0], reported.get(0).source());
  }

  /** LC7: asyncio.run from a running loop raises. */
  @Test
  void runFromARunningLoopIsRejected() {
    EventLoop loop = EventLoop.withVirtualTime();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                loop.runUntilComplete(
                    Coro.start(v -> Asyncio.run(Coro.returning(1), EventLoop.withVirtualTime()))));
    assertEquals("Asyncio.run() cannot be called from a running event loop", e.getMessage());
    assertTrue(!loop.isRunning());
  }
}
