package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.io.IOException;
import java.time.Duration;

/**
 * Fixtures for async stack traces: the tests assert these exact line numbers, so keep every line
 * where it is (add new fixtures at the end).
 */
public class StackFixtures {
  @Async
  static String leaf(String msg) throws IOException {
    await(sleep(Duration.ofMillis(1)));
    throw new IOException(msg); // line 21
  }

  @Async
  static String middle(String msg) throws IOException {
    String s = await(StackFixturesAsync.leaf(msg)); // line 26: an explicit await
    return s;
  }

  @Async
  static String top(String msg) throws IOException {
    return middle(msg) + "!"; // line 32: a direct call, an inline await
  }

  @Async
  static String awaitsTask(String msg) throws IOException {
    Task<String> worker = createTask(StackFixturesAsync.top(msg), "worker");
    return await(worker); // line 38: across a Task boundary
  }

  @Async
  static String inner(Future<String> gate) {
    return await(gate); // line 43
  }

  @Async
  static String mid(Future<String> gate) {
    return inner(gate); // line 48
  }

  @Async
  static String outer(Future<String> gate) {
    String s = mid(gate); // line 53
    return s;
  }

  @Async
  static String failsAtOnce(String msg) throws IOException {
    if (msg != null) {
      throw new IOException(msg); // line 60: before any await
    }
    return await(sleep(Duration.ZERO, "unreached"));
  }

  @Async
  static String inlineChain(String msg) throws IOException {
    return failsAtOnce(msg); // line 67: nothing suspends
  }

  @Async
  static String awaitsFailingTask(String msg) throws IOException {
    Task<String> early = createTask(StackFixturesAsync.inlineChain(msg), "early");
    return await(early); // line 73: a task that failed before its first await
  }

  private static String check(String msg) throws IOException {
    throw new IOException(msg); // line 77: a private method, called through a generated wrapper
  }

  @Async
  static String callsPrivate(String msg) throws IOException {
    await(sleep(Duration.ZERO));
    return check(msg); // line 83
  }

  @Async
  static int spilledUnbox(Integer boxed) {
    await(sleep(Duration.ZERO));
    return boxed + await(sleep(Duration.ZERO, 1)); // line 89: the spilled left operand is null
  }
}
