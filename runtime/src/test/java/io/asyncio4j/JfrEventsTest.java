package io.asyncio4j;

import static io.asyncio4j.Coro.awaitingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JfrEvents}: an in-process recording contains the task lifecycle events. */
class JfrEventsTest {
  @Test
  void aRecordingContainsTheTaskEvents(@TempDir Path dir) throws IOException {
    EventLoop loop = EventLoop.withVirtualTime();
    Path file = dir.resolve("run.jfr");
    try (Recording r = new Recording()) {
      r.enable("io.asyncio4j.TaskCreated");
      r.enable("io.asyncio4j.TaskStep");
      r.enable("io.asyncio4j.TaskDone");
      r.start();
      JfrEvents.attach(loop);
      JfrEvents.attach(loop);
      assertEquals(JfrEvents.class, loop.observer.getClass(), "attached once");
      Task<String> t =
          loop.createTask(
              Coro.<String>start(v -> awaitingAt(Asyncio.sleep(Duration.ofSeconds(1)), "jfr", 3))
                  .then(v -> "done"),
              "recorded");
      assertEquals("done", loop.runUntilComplete(t));
      JfrEvents.detach(loop);
      assertNull(loop.observer);
      loop.runUntilComplete(loop.createTask(Coro.returning("unrecorded"), "unrecorded"));
      loop.close();
      r.stop();
      r.dump(file);
    }
    List<String> seen = new ArrayList<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      if (!type.startsWith("io.asyncio4j.")) {
        continue;
      }
      switch (type) {
        case "io.asyncio4j.TaskCreated":
          seen.add("created " + e.getString("task") + " " + e.getString("coroutine"));
          assertSame(null, e.getString("creator"));
          break;
        case "io.asyncio4j.TaskStep":
          seen.add(
              "step "
                  + e.getString("task")
                  + " resumedAt="
                  + e.getString("resumedAt")
                  + " "
                  + e.getString("outcome")
                  + " suspendedAt="
                  + e.getString("suspendedAt")
                  + " awaiting="
                  + e.getString("awaiting"));
          break;
        default:
          seen.add("done " + e.getString("task") + " " + e.getString("state"));
          break;
      }
    }
    seen.sort(null);
    assertEquals(
        List.of(
            "created recorded io.asyncio4j.Coro",
            "done recorded finished",
            "step recorded resumedAt=Test.jfr(Test.java:3) finished suspendedAt=null awaiting=null",
            "step recorded resumedAt=null suspended suspendedAt=Test.jfr(Test.java:3)"
                + " awaiting=Sleep[waiting]"),
        seen);
  }
}
