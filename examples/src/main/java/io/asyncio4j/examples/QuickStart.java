package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.List;

/** The README's 30-second example. */
public final class QuickStart {
  private QuickStart() {}

  @Async
  static String greet(String name, int millis) {
    await(sleep(Duration.ofMillis(millis))); // suspends this coroutine, not the thread
    return "hello " + name;
  }

  @Async
  static List<String> greetBoth() {
    Task<String> slow = createTask(QuickStartAsync.greet("slow", 20)); // runs concurrently
    String fast = greet("fast", 10); // a direct call of an @Async method awaits it inline
    return List.of(fast, await(slow));
  }

  public static void main(String[] args) {
    System.out.println(Asyncio.run(QuickStartAsync.greetBoth())); // [hello fast, hello slow]
  }
}
