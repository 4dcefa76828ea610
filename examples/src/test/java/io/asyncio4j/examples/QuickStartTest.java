package io.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  @Test
  void greetBothRunsTheTwoGreetingsConcurrently() {
    EventLoop loop = EventLoop.withVirtualTime();
    long start = loop.time();
    List<String> result = Asyncio.run(QuickStartAsync.greetBoth(), loop);
    assertEquals(List.of("hello fast", "hello slow"), result);
    // 20 ms of (virtual) time, not 10 + 20: the two sleeps overlapped.
    assertEquals(Duration.ofMillis(20).toNanos(), loop.time() - start);
  }
}
