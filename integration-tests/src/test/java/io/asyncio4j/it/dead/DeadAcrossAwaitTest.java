package io.asyncio4j.it.dead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadAcrossAwaitTest {
  @Test
  void aReferenceDeadAtAnAwaitIsNotKeptAliveWhileSuspended() {
    EventLoop loop = EventLoop.withVirtualTime();
    List<WeakReference<byte[]>> refs = new ArrayList<>();
    Future<String> gate = loop.createFuture();
    Task<String> t = loop.createTask(DeadAcrossAwaitAsync.bufferDeadAtSecondAwait(gate, refs));
    loop.callSoon(() -> {}); // a few iterations: the task runs up to the gate
    for (int i = 0; i < 5 && refs.isEmpty(); i++) {
      loop.runUntilComplete(io.asyncio4j.Asyncio.sleep(java.time.Duration.ZERO));
    }
    assertEquals(1, refs.size());
    for (int i = 0; i < 20 && refs.get(0).get() != null; i++) {
      System.gc();
    }
    assertNull(refs.get(0).get(), "the suspended machine still holds the dead buffer");
    gate.setResult("done");
    assertEquals("done 1048576", loop.runUntilComplete(t));
    loop.close();
  }

  @Test
  void theGeneratedMachineClearsOnlyDeadFieldsBeforeSuspending() throws IOException {
    String src =
        Files.readString(
            Path.of("target/generated-sources/annotations/io/asyncio4j/it/dead/DeadAcrossAwaitAsync.java"));
    // big: live across the first await, dead at the second
    assertTrue(src.contains("big = null;\n"), src);
    // input: a parameter used only before the await
    assertTrue(src.contains("input = null;\n"), src);
    // seen and items are read by the next iteration: never cleared in the loop
    assertTrue(!src.contains("seen = null;") && !src.contains("items = null;"), src);
  }

  @Test
  void clearingChangesNoResult() {
    EventLoop loop = EventLoop.withVirtualTime();
    Future<String> g1 = loop.createFuture();
    g1.setResult("x");
    assertEquals(3, (int) loop.runUntilComplete(DeadAcrossAwaitAsync.parameterDeadDuringAwait(new byte[3], g1)));
    Future<String> g2 = loop.createFuture();
    g2.setResult("x");
    assertEquals(
        1 + 2 + 3,
        (int)
            loop.runUntilComplete(
                DeadAcrossAwaitAsync.loopKeepsWhatTheNextIterationReads(List.of("a", "b", "c"), g2)));
    loop.close();
  }
}
