package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.waitFor;

import io.asyncio4j.Async;
import io.asyncio4j.AsyncTimeoutException;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Lock;
import io.asyncio4j.Semaphore;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches many pages from a (simulated) slow service concurrently: a {@link TaskGroup} owns the
 * fetch tasks, a {@link Semaphore} keeps at most {@value #MAX_IN_FLIGHT} requests in flight, and
 * each request has its own timeout. A page that times out is reported and skipped; the others
 * still arrive.
 */
public final class ConcurrentFetcher {
  static final int MAX_IN_FLIGHT = 3;
  static final Duration PER_REQUEST = Duration.ofMillis(250);

  private final SimulatedService service;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final PrintStream log;
  private int peak;

  ConcurrentFetcher(SimulatedService service, PrintStream log) {
    this.service = service;
    this.log = log;
  }

  public static void main(String[] args) {
    ConcurrentFetcher fetcher = new ConcurrentFetcher(new SimulatedService(), System.out);
    List<String> paths = List.of("/a", "/b", "/slow", "/c", "/d", "/e", "/f");
    Map<String, String> pages = Asyncio.run(ConcurrentFetcherAsync.fetchAll(fetcher, paths));
    System.out.println("fetched " + pages.size() + " of " + paths.size() + ": " + pages.keySet());
    System.out.println("peak requests in flight: " + fetcher.peak);
  }

  /** Fetches every path; the map holds the pages that arrived in time, in request order. */
  @Async
  Map<String, String> fetchAll(List<String> paths) {
    List<Task<String>> tasks = new ArrayList<>();
    try (TaskGroup tg = new TaskGroup()) { // async with asyncio.TaskGroup() as tg:
      for (String p : paths) {
        tasks.add(tg.createTask(ConcurrentFetcherAsync.fetchOne(this, p), "fetch " + p));
      }
    } // the group waits for every task here
    Map<String, String> pages = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      String page = tasks.get(i).result();
      if (page != null) {
        pages.put(paths.get(i), page);
      }
    }
    return pages;
  }

  /** One request under the concurrency limit; {@code null} when it timed out. */
  @Async
  @SuppressWarnings("try") // javac's lint: the permit is not read in the block, only held
  String fetchOne(String path) {
    try (Lock.Held permit = await(inFlight.hold())) { // async with in_flight:
      int running = MAX_IN_FLIGHT - inFlight.value();
      peak = Math.max(peak, running);
      String page = await(waitFor(ConcurrentFetcher_SimulatedServiceAsync.get(service, path), PER_REQUEST));
      log.printf("%-5s ok        (%d in flight)%n", path, running);
      return page;
    } catch (AsyncTimeoutException e) {
      log.printf("%-5s timed out after %d ms%n", path, PER_REQUEST.toMillis());
      return null;
    }
  }

  /** A stand-in for a remote service: each path answers after a fixed latency. */
  static final class SimulatedService {
    @Async
    String get(String path) {
      long millis = path.equals("/slow") ? 5_000 : 40 + 15 * (path.charAt(1) - 'a');
      await(sleep(Duration.ofMillis(millis)));
      return "<html>" + path + "</html>";
    }
  }
}
