package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ThreadsTest {
  private final EventLoop loop = newLoop();
  private Thread loopThread;

  @AfterEach
  void stopLoop() throws InterruptedException {
    if (loopThread != null) {
      loop.callSoonThreadsafe(loop::stop);
      loopThread.join(5000);
    }
  }

  private void runLoopInBackground() {
    loopThread = new Thread(loop::runForever, "test-loop");
    loopThread.start();
  }

  @Test
  void toThreadRunsOnAnotherThreadAndReturnsTheResult() {
    // TH1
    Thread caller = Thread.currentThread();
    Object r = loop.runUntilComplete(co(v -> Asyncio.toThread(() -> Thread.currentThread())));
    assertNotSame(caller, r);
    assertTrue(((Thread) r).getName().startsWith("asyncio4j-executor-"), r.toString());
    assertTrue(((Thread) r).isDaemon());
  }

  @Test
  void toThreadRethrowsTheCallablesException() {
    // TH1
    Exception checked = new java.io.IOException("disk");
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                loop.runUntilComplete(
                    co(
                        v ->
                            Asyncio.toThread(
                                () -> {
                                  throw checked;
                                }))));
    assertSame(checked, e);
  }

  @Test
  void toThreadCallsRunConcurrently() {
    // TH1: both calls must be running at once to pass the latch
    CountDownLatch both = new CountDownLatch(2);
    Object r =
        loop.runUntilComplete(
            co(
                v ->
                    Asyncio.gather(
                        Asyncio.toThread(
                            () -> {
                              both.countDown();
                              return both.await(5, TimeUnit.SECONDS);
                            }),
                        Asyncio.toThread(
                            () -> {
                              both.countDown();
                              return both.await(5, TimeUnit.SECONDS);
                            }))));
    assertEquals(List.of(true, true), r);
  }

  @Test
  void defaultExecutorIsShutDownWhenTheLoopCloses() throws InterruptedException {
    // TH1: the loop owns its default executor
    Thread worker =
        (Thread) loop.runUntilComplete(co(v -> Asyncio.toThread(Thread::currentThread)));
    loop.close();
    worker.join(5000);
    assertFalse(worker.isAlive());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
    assertEquals("Event loop is closed", e.getMessage());
  }

  @Test
  void runInExecutorCancelledBeforeStartNeverRuns() throws InterruptedException {
    // TH1: cancelling the loop future cancels the queued job
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean secondRan = new AtomicBoolean();
      Future<Object> first = loop.runInExecutor(single, () -> release.await(5, TimeUnit.SECONDS));
      Future<Object> second =
          loop.runInExecutor(
              single,
              () -> {
                secondRan.set(true);
                return null;
              });
      second.cancel();
      Toolkit.runBriefly(loop); // the cancellation reaches the job through a done callback
      release.countDown();
      assertEquals(true, loop.runUntilComplete(first));
      single.shutdown();
      assertTrue(single.awaitTermination(5, TimeUnit.SECONDS));
      assertFalse(secondRan.get());
      assertTrue(second.cancelled());
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void runCoroutineThreadsafeCarriesTheResultAndTheException() throws Exception {
    // TH2
    runLoopInBackground();
    CompletableFuture<Object> ok =
        Asyncio.runCoroutineThreadsafe(co(v -> Asyncio.sleep(Toolkit.ms(5), "result")), loop);
    assertEquals("result", ok.get(5, TimeUnit.SECONDS));
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<Object> bad =
        Asyncio.runCoroutineThreadsafe(
            co(
                v -> {
                  throw boom;
                }),
            loop);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> bad.get(5, TimeUnit.SECONDS));
    assertSame(boom, e.getCause());
  }

  @Test
  void cancellingTheCompletableFutureCancelsTheTask() throws Exception {
    // TH3
    runLoopInBackground();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    CompletableFuture<Object> cf =
        Asyncio.runCoroutineThreadsafe(
            co(v -> {
                  started.countDown();
                  return Asyncio.getRunningLoop().createFuture();
                })
                .onError(
                    e -> {
                      if (e instanceof CancelledException) {
                        cancelled.countDown();
                      }
                      throw e;
                    }),
            loop);
    assertTrue(started.await(5, TimeUnit.SECONDS));
    assertTrue(cf.cancel(true));
    assertTrue(cancelled.await(5, TimeUnit.SECONDS));
  }

  @Test
  void taskCancelledOnTheLoopCancelsTheCompletableFuture() throws Exception {
    // TH3
    runLoopInBackground();
    AtomicReference<Task<?>> task = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Object> cf =
        Asyncio.runCoroutineThreadsafe(
            co(
                v -> {
                  task.set(Asyncio.currentTask());
                  started.countDown();
                  return Asyncio.getRunningLoop().createFuture();
                }),
            loop);
    assertTrue(started.await(5, TimeUnit.SECONDS));
    loop.callSoonThreadsafe(() -> task.get().cancel("from the loop"));
    assertThrows(CancellationException.class, () -> cf.get(5, TimeUnit.SECONDS));
    assertTrue(cf.isCancelled());
    Throwable raw = cf.handle((r, ex) -> ex).get(5, TimeUnit.SECONDS);
    assertEquals("from the loop", assertInstanceOf(CancelledException.class, raw).getMessage());
  }

  @Test
  void failureToCreateTheTaskIsSetOnTheFutureAndReported() throws Exception {
    // TH3: the task-factory failure case (here: a coroutine that was already started)
    List<Object> reported = Toolkit.log();
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx.message()));
    Coroutine<Object> used = co(v -> 1);
    loop.runUntilComplete(used);
    runLoopInBackground();
    CompletableFuture<Object> cf = Asyncio.runCoroutineThreadsafe(used, loop);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> cf.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    CountDownLatch seen = new CountDownLatch(1);
    loop.callSoonThreadsafe(seen::countDown);
    assertTrue(seen.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("exception in runCoroutineThreadsafe while creating the task"), reported);
  }
}
