package io.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs each example program's coroutine and checks its exact output. */
class ExamplesOutputTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  @Test
  void fetcherLimitsConcurrencyAndSkipsTheTimedOutPage() {
    ConcurrentFetcher fetcher =
        new ConcurrentFetcher(new ConcurrentFetcher.SimulatedService(), out);
    EventLoop loop = EventLoop.withVirtualTime();
    long start = loop.time();
    Map<String, String> pages =
        Asyncio.run(
            ConcurrentFetcherAsync.fetchAll(
                fetcher, List.of("/a", "/b", "/slow", "/c", "/d", "/e", "/f")),
            loop);
    assertEquals(List.of("/a", "/b", "/c", "/d", "/e", "/f"), List.copyOf(pages.keySet()));
    assertEquals("<html>/e</html>", pages.get("/e"));
    assertEquals(
        "/a    ok        (1 in flight)\n"
            + "/b    ok        (2 in flight)\n"
            + "/c    ok        (3 in flight)\n"
            + "/d    ok        (3 in flight)\n"
            + "/e    ok        (3 in flight)\n"
            + "/slow timed out after 250 ms\n"
            + "/f    ok        (3 in flight)\n",
        printed());
    // /f starts when /d finishes at 140 ms and takes 115 ms; /slow is cut off at 250 ms.
    assertEquals(Duration.ofMillis(255).toNanos(), loop.time() - start);
  }

  @Test
  void pipelineHandsEveryItemToExactlyOneWorkerThenShutsDown() {
    List<String> results =
        Asyncio.run(PipelineAsync.run(new Pipeline(out), 6), EventLoop.withVirtualTime());
    assertEquals(
        List.of(
            "worker-1:1", "worker-2:4", "worker-1:9", "worker-2:16", "worker-1:25", "worker-2:36"),
        results);
    assertEquals(
        "produced 1 (queue size 1)\n"
            + "produced 2 (queue size 2)\n"
            + "produced 3 (queue size 1)\n"
            + "produced 4 (queue size 2)\n"
            + "worker-1: 1 -> 1\n"
            + "produced 5 (queue size 2)\n"
            + "worker-2: 2 -> 4\n"
            + "produced 6 (queue size 2)\n"
            + "worker-1: 3 -> 9\n"
            + "worker-2: 4 -> 16\n"
            + "worker-1: 5 -> 25\n"
            + "worker-2: 6 -> 36\n"
            + "worker-1: queue shut down after 3 items\n"
            + "worker-2: queue shut down after 3 items\n"
            + "handled per worker: [3, 3]\n",
        printed());
  }

  @Test
  @Timeout(20)
  void interopRunsBlockingCodeOffTheLoopAndComesBack() throws Exception {
    long total;
    try (BlockingInterop demo = new BlockingInterop(out)) {
      total = Asyncio.run(BlockingInteropAsync.run(demo));
    }
    assertEquals(57311 + 600 + 144, total);
    assertEquals(
        "toThread: checksum computed off the loop thread: 57311\n"
            + "CompletableFuture: 600, back on the loop thread: true\n"
            + "runCoroutineThreadsafe from a plain thread: 144\n",
        printed());
  }

  @Test
  void aLazyGeneratorFeedsTheConsumerAndStopsFetchingWhenItBreaks() {
    List<String> found =
        Asyncio.run(
            PagedSearchAsync.firstMatches(new PagedSearch(out), "q", 3), EventLoop.withVirtualTime());
    assertEquals(List.of("q1-a", "q1-c", "q2-a"), found);
    assertEquals(
        "fetching page 1\n"
            + "matched q1-a\n"
            + "matched q1-c\n"
            + "fetching page 2\n"
            + "matched q2-a\n"
            + "generator closed\n"
            + "consumer done\n",
        printed());
  }

  @Test
  @Timeout(20)
  void eachRequestsLogLinesCarryItsOwnIdAcrossAwaitsAndTheWorkerThread() {
    Asyncio.run(
        RequestLoggingAsync.serve(new RequestLogging(out), List.of("r1", "r2", "r3")),
        EventLoop.withVirtualTime());
    List<String> lines = List.of(printed().split("\n"));
    for (String id : List.of("r1", "r2", "r3")) {
      assertEquals(
          List.of(
              "[" + id + "] start",
              "[" + id + "] hashing on a worker thread",
              "[" + id + "] done, checksum " + Integer.toHexString(id.hashCode())),
          lines.stream().filter(l -> l.startsWith("[" + id + "]")).collect(
              java.util.stream.Collectors.toList()));
    }
    assertEquals(List.of("[r1] start", "[r2] start", "[r3] start"), lines.subList(0, 3));
    assertEquals("[-] served 3 requests", lines.get(lines.size() - 1));
    assertEquals(10, lines.size());
  }
}
