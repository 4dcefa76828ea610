package io.asyncio4j;

import static io.asyncio4j.Coro.awaiting;
import static io.asyncio4j.Coro.rethrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The state-machine protocol ({@code io.asyncio4j.spi}): inline awaits, fast paths, resumes. */
class CoroutineTest {
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    if (!loop.isClosed()) {
      loop.close();
    }
  }

  /** Awaiting a coroutine runs it inline: no task of its own, no loop iteration. */
  @Test
  void inlineAwaitRunsTheChildWithoutALoopIteration() {
    List<Task<?>> tasksSeen = new ArrayList<>();
    Coro<Integer> child =
        Coro.start(
            v -> {
              tasksSeen.add(Asyncio.currentTask());
              return 20;
            });
    Task<Integer> t =
        loop.createTask(
            Coro.<Integer>start(
                    v -> {
                      tasksSeen.add(Asyncio.currentTask());
                      return awaiting(child);
                    })
                .then(v -> (Integer) v + 1));
    Loops.runIterations(loop, 1);
    assertEquals(21, t.result());
    assertEquals(List.of(t, t), tasksSeen, "the child runs in the awaiting task");
  }

  /** A suspended chain resumes at the innermost frame and hands results up, in one step. */
  @Test
  void suspendedChainResumesInnermostFirstAndTrampolinesResults() {
    Future<String> gate = loop.createFuture();
    Coro<String> inner = Coro.<String>start(v -> awaiting(gate)).then(v -> v + "+inner");
    Coro<String> middle = Coro.<String>start(v -> awaiting(inner)).then(v -> v + "+middle");
    Task<String> t =
        loop.createTask(Coro.<String>start(v -> awaiting(middle)).then(v -> v + "+outer"));
    Loops.runIterations(loop, 1);
    assertFalse(t.done());
    gate.setResult("gate");
    Loops.runIterations(loop, 1);
    assertEquals("gate+inner+middle+outer", t.result());
  }

  /** An exception after a resume travels up the caller chain to the first frame that handles it. */
  @Test
  void exceptionsTravelUpTheCallerChain() {
    Future<String> gate = loop.createFuture();
    IOException boom = new IOException("boom");
    Coro<String> inner =
        Coro.<String>start(v -> awaiting(gate))
            .then(
                v -> {
                  throw boom;
                });
    Coro<String> middle =
        Coro.<String>start(v -> awaiting(inner))
            .handle(
                (v, e) -> {
                  log.add("middle saw " + e.getMessage());
                  return rethrow(e, v);
                });
    Task<String> t =
        loop.createTask(
            Coro.<String>start(v -> awaiting(middle))
                .handle((v, e) -> e == boom ? "outer handled" : "wrong"));
    Loops.runIterations(loop, 1);
    gate.setResult("x");
    Loops.runIterations(loop, 1);
    assertEquals("outer handled", t.result());
    assertEquals(List.of("middle saw boom"), log);
  }

  /** A child that throws synchronously surfaces at the parent's await, in the same step. */
  @Test
  void childThatThrowsSynchronouslyFailsTheAwait() {
    IOException boom = new IOException("sync");
    Task<String> t =
        loop.createTask(
            Coro.<String>start(v -> awaiting(Coro.throwing(boom)))
                .handle((v, e) -> e == boom ? "caught sync" : "wrong"));
    Loops.runIterations(loop, 1);
    assertEquals("caught sync", t.result());
  }

  /** Resuming a deep inline chain is a loop, not a recursion: it runs on a tiny stack. */
  @Test
  @Timeout(20)
  void resumingADeepInlineChainDoesNotRecurse() throws Exception {
    int depth = 20_000;
    Future<Integer> gate = loop.createFuture();
    Coro<Integer> chain = Coro.<Integer>start(v -> awaiting(gate));
    for (int i = 0; i < depth; i++) {
      Coro<Integer> child = chain;
      chain = Coro.<Integer>start(v -> awaiting(child)).then(v -> (Integer) v + 1);
    }
    Task<Integer> t = loop.createTask(chain);
    // The first descent is ordinary nested calls (as in any await chain): give it a big stack.
    runOnThread(64 << 20, () -> Loops.runIterations(loop, 1));
    assertFalse(t.done());
    gate.setResult(0);
    // The resume trampolines 20,000 frames; recursion would overflow a 256 KiB stack.
    runOnThread(256 << 10, () -> Loops.runIterations(loop, 1));
    assertEquals(depth, t.result());
  }

  private static void runOnThread(long stackSize, Runnable r) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                r.run();
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "stack-" + stackSize,
            stackSize);
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  /** A coroutine awaited a second time is rejected, saying why. */
  @Test
  void secondInlineAwaitOfTheSameCoroutineIsRejected() {
    Coro<Integer> once = Coro.<Integer>returning(1).named("Once");
    Task<String> t =
        loop.createTask(
            Coro.<String>start(v -> awaiting(once))
                .then(v -> awaiting(once))
                .handle((v, e) -> e.getClass().getSimpleName() + ": " + e.getMessage()));
    Loops.runIterations(loop, 1);
    assertEquals(
        "IllegalStateException: coroutine Once was already awaited or wrapped in a task (by"
            + " Task-1); a coroutine can be awaited once: call its entry point again for a new one",
        t.result());
  }

  /** Awaiting an Awaitable that is neither a Future nor a Coroutine is rejected. */
  @Test
  void awaitingAnUnknownAwaitableIsRejected() {
    Awaitable<String> alien = new Awaitable<>() {};
    Task<String> t =
        loop.createTask(
            Coro.<String>start(v -> awaiting(alien)).handle((v, e) -> e.getMessage()));
    Loops.runIterations(loop, 1);
    assertTrue(
        t.result().endsWith(" (expected: a Future, a Task or a Coroutine)"), t.result());
  }

  /** await(null) throws NullPointerException at the await. */
  @Test
  void awaitingNullThrows() {
    Task<String> t =
        loop.createTask(
            Coro.<String>start(v -> awaiting((Awaitable<?>) null))
                .handle((v, e) -> e.getClass().getSimpleName() + " " + e.getMessage()));
    Loops.runIterations(loop, 1);
    assertEquals("NullPointerException awaitable", t.result());
  }

  /** Awaiting a done CompletableFuture is a fast path: no suspension. */
  @Test
  void awaitingADoneCompletableFutureDoesNotSuspend() {
    Task<String> t =
        loop.createTask(
            Coro.<String>start(v -> awaiting(CompletableFuture.completedFuture("now")))
                .then(v -> v + " in step 1"));
    Loops.runIterations(loop, 1);
    assertEquals("now in step 1", t.result());
  }

  /** A task's root coroutine and the futures it awaits see the task as their driver. */
  @Test
  void resumeValueDeliversTheAwaitedValue() {
    Future<Object> gate = loop.createFuture();
    Object value = new Object();
    Task<Object> t = loop.createTask(Coro.start(v -> awaiting(gate)));
    Loops.runIterations(loop, 1);
    gate.setResult(value);
    Loops.runIterations(loop, 1);
    assertSame(value, t.result());
  }
}
