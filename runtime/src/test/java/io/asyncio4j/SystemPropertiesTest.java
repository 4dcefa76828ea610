package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code -Dasyncio4j.*} switches, read once per JVM, checked in a child JVM: debug mode for
 * every loop, a trace file completed at exit, JFR events attached, async stack traces off.
 */
class SystemPropertiesTest {
  /** The child: prints what the switches did. */
  public static void main(String[] args) {
    EventLoop loop = EventLoop.withVirtualTime();
    System.out.println("debug=" + loop.getDebug());
    Task<String> t =
        loop.createTask(
            Coro.<String>start(
                    v -> {
                      LoopObserver o = loop.observer;
                      System.out.println(
                          "observers="
                              + (o instanceof LoopObserver.Many
                                  ? ((LoopObserver.Many) o).all.length
                                  : o == null ? 0 : 1));
                      return Coro.awaiting(Asyncio.sleep(Duration.ofSeconds(1)));
                    })
                .then(
                    v -> {
                      throw new IOException("plain");
                    }),
            "child");
    try {
      loop.runUntilComplete(t);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      boolean rewritten = AsyncStackTraces.hasAsyncPart(e.getStackTrace());
      System.out.println("rewritten=" + rewritten);
    }
    loop.close();
  }

  @Test
  @Timeout(120)
  void theSwitchesWorkInAFreshJvm(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("trace.json");
    Process p =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dasyncio4j.debug=true",
                "-Dasyncio4j.jfr=true",
                "-Dasyncio4j.jmx=false",
                "-Dasyncio4j.asyncStackTraces=false",
                "-Dasyncio4j.trace=" + trace,
                SystemPropertiesTest.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertEquals(List.of("debug=true", "observers=2", "rewritten=false"), out.lines().toList());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events =
        (List<Map<String, Object>>) new TraceRecorderTest.Json(Files.readString(trace)).parse();
    assertEquals("failed", events.get(events.size() - 1).get("name"));
    assertTrue(events.size() >= 5, events.toString());
  }
}
