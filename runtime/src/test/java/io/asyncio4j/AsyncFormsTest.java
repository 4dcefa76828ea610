package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime side of async with / async for / generators, without the processor. */
class AsyncFormsTest {
  private final EventLoop loop = newLoop();

  @Test
  void outsideAsyncCodeCloseAndIteratorThrowWithTheFix() {
    TaskGroup tg = new TaskGroup();
    assertEquals(
        "io.asyncio4j.TaskGroup is an AsyncCloseable: a try-with-resources closes it only in an"
            + " @Async method (which awaits its closeAsync); outside one,"
            + " await(resource.closeAsync(null))",
        assertThrows(UnsupportedOperationException.class, tg::close).getMessage());
    Queue<String> q = new Queue<>();
    assertEquals(
        "io.asyncio4j.Queue is an AsyncIterable: a for loop over it awaits each element and works"
            + " only in an @Async method; outside one, drive asyncIterator() with"
            + " await(it.hasNext())",
        assertThrows(UnsupportedOperationException.class, q::iterator).getMessage());
  }

  @Test
  void aHeldLockIsReleasedOnceByItsExit() {
    Lock lock = new Lock();
    List<Object> seen = new ArrayList<>();
    loop.runUntilComplete(
        co(
            v -> lock.hold(),
            h -> {
              seen.add(lock.locked());
              Lock.Held held = (Lock.Held) h;
              return co(x -> held.closeAsync(null), x -> held.closeAsync(null));
            },
            v -> {
              seen.add(lock.locked());
              return null;
            }));
    assertEquals(List.of(true, false), seen);
  }

  /** A generator body written by hand: emits 1, 2 (awaiting each), then returns. */
  private static Coroutine<Void> oneTwo(Emitter<Integer> out, List<Object> log) {
    return Script.<Void>of(v -> out.emit(1), v -> out.emit(2), v -> null)
        .onFinally(() -> log.add("body finally"));
  }

  @Test
  void aGeneratorClosedBeforeItStartsNeverRunsAndEndsAtOnce() {
    List<Object> log = new ArrayList<>();
    AsyncIterator<Integer> it = Asyncio.generator((Emitter<Integer> out) -> oneTwo(out, log)).asyncIterator();
    loop.runUntilComplete(co(v -> it.closeAsync(null), v -> it.hasNext(), v -> log.add(v)));
    assertEquals(List.of(false), log);
  }

  @Test
  void emittingAgainWithoutAwaitingIsAnError() {
    List<Object> log = new ArrayList<>();
    AsyncIterator<Integer> it =
        Asyncio.generator(
                (Emitter<Integer> out) ->
                    Script.<Void>of(
                        v -> {
                          out.emit(1);
                          return out.emit(2);
                        }))
            .asyncIterator();
    loop.runUntilComplete(
        co(
            v -> it.hasNext(),
            v -> it.hasNext())
            .onError(
                e -> {
                  log.add(e.getMessage());
                  return null;
                }));
    assertEquals(
        List.of("emit before the previous emit was awaited (write await(out.emit(value)))"), log);
  }

  @Test
  void aGeneratorRunsOnlyAsFarAsTheConsumerAsks() {
    List<Object> log = new ArrayList<>();
    AsyncIterator<Integer> it =
        Asyncio.generator((Emitter<Integer> out) -> oneTwo(out, log)).asyncIterator();
    loop.runUntilComplete(
        co(
            v -> it.hasNext(),
            v -> {
              log.add(v + " " + it.next());
              return Asyncio.sleep(java.time.Duration.ofMillis(5));
            },
            v -> {
              log.add("consumer idle");
              return it.hasNext();
            },
            v -> {
              log.add(v + " " + it.next());
              return it.hasNext();
            },
            v -> {
              log.add(v);
              return it.hasNext();
            },
            v -> log.add(v)));
    assertEquals(
        List.of("true 1", "consumer idle", "true 2", "body finally", false, false), log);
    assertTrue(loop.isClosed() || !loop.isRunning());
    assertFalse(log.contains("unexpected"));
  }
}
