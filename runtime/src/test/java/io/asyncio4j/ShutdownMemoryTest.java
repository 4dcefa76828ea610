package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.spi.AsyncStateMachine;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Asyncio.run}'s final cancel-all costs no more memory than holding the tasks: 100,000
 * sleepers start, are cancelled and finish in a forked JVM with a 64 MB heap (they take 13 MB to
 * hold; the cancel-all used to need ten times that). The same check at the scale of the issue, 1M
 * sleepers in 512 MB, takes a minute on a loaded machine, so it is opt-in: {@code mvn -pl runtime
 * test -Dtest=ShutdownMemoryTest -Dasyncio4j.test.sleepers=1000000 -Dasyncio4j.test.heap=512m}.
 */
class ShutdownMemoryTest {
  @Test
  @Timeout(120)
  void cancellingAllSleepersAtExitFitsInTheHeapThatHoldsThem() throws Exception {
    String sleepers = System.getProperty("asyncio4j.test.sleepers", "100000");
    String heap = System.getProperty("asyncio4j.test.heap", "64m");
    Process p =
        new ProcessBuilder(
                List.of(
                    System.getProperty("java.home")
                        + File.separator
                        + "bin"
                        + File.separator
                        + "java",
                    "-Xmx" + heap,
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Sleepers.class.getName(),
                    sleepers))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertEquals(sleepers + " sleepers cancelled\n", out);
  }

  /** The forked program: starts the sleepers and returns, leaving them to Asyncio.run. */
  static final class Sleepers {
    public static void main(String[] args) {
      int n = Integer.parseInt(args[0]);
      Task<?>[] last = {null};
      Asyncio.run(
          new AsyncStateMachine<Void>() {
            @Override
            protected Object step() {
              for (int i = 0; i < n; i++) {
                last[0] = Asyncio.createTask(Asyncio.sleep(Duration.ofHours(1)));
              }
              return null;
            }
          });
      System.out.println(n + " sleepers " + (last[0].cancelled() ? "cancelled" : "not cancelled"));
    }
  }
}
