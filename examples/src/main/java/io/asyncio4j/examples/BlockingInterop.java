package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.toThread;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Mixing the event loop with threads: blocking code runs through {@code toThread} (the loop keeps
 * serving other tasks meanwhile), a {@link CompletableFuture} API is awaited directly, and a plain
 * thread submits a coroutine to a running loop with {@code runCoroutineThreadsafe}.
 */
public final class BlockingInterop implements AutoCloseable {
  private final PrintStream log;
  private final ExecutorService legacyPool = Executors.newSingleThreadExecutor();

  BlockingInterop(PrintStream log) {
    this.log = log;
  }

  public static void main(String[] args) throws Exception {
    try (BlockingInterop demo = new BlockingInterop(System.out)) {
      System.out.println("total: " + Asyncio.run(BlockingInteropAsync.run(demo)));
    }
  }

  /** A blocking call, like JDBC or file I/O: it must not run on the loop thread. */
  static long checksum(String text) {
    long sum = 0;
    for (int i = 0; i < text.length(); i++) {
      sum = sum * 31 + text.charAt(i);
    }
    return Math.floorMod(sum, 1_000_003L);
  }

  /** A callback-style API returning CompletableFuture, completed on its own thread. */
  CompletableFuture<Integer> legacyLookup(String key) {
    return CompletableFuture.supplyAsync(() -> key.length() * 100, legacyPool);
  }

  @Async
  long run() throws Exception {
    String loopThread = Thread.currentThread().getName();
    long sum = await(toThread(() -> checksum("asyncio4j")));
    log.printf("toThread: checksum computed off the loop thread: %d%n", sum);

    int looked = await(legacyLookup("answer")); // CompletionStage: result comes back on the loop
    log.printf("CompletableFuture: %d, back on the loop thread: %s%n", looked,
        Thread.currentThread().getName().equals(loopThread));

    // Another thread hands a coroutine to this (running) loop and blocks for its result.
    EventLoop loop = Asyncio.getRunningLoop();
    CompletableFuture<Integer> fromThread =
        await(toThread(() -> Asyncio.runCoroutineThreadsafe(BlockingInteropAsync.square(this, 12), loop)));
    int squared = await(fromThread);
    log.printf("runCoroutineThreadsafe from a plain thread: %d%n", squared);
    return sum + looked + squared;
  }

  @Async
  int square(int x) {
    return x * x;
  }

  @Override
  public void close() {
    legacyPool.shutdownNow();
  }
}
