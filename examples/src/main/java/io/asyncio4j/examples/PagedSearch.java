package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.generator;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Emitter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An asynchronous generator feeding a consumer: {@link #results} fetches search results page by
 * page and emits them one at a time (Python's {@code async def} with {@code yield}); {@link
 * #firstMatches} consumes them with a {@code for} loop and stops as soon as it has enough. The
 * generator is lazy, so the pages after that are never fetched, and its {@code finally} runs when
 * the consumer leaves the loop.
 */
public final class PagedSearch {
  static final int PAGES = 5;

  private final PrintStream log;

  PagedSearch(PrintStream log) {
    this.log = log;
  }

  public static void main(String[] args) {
    List<String> found = Asyncio.run(PagedSearchAsync.firstMatches(new PagedSearch(System.out), "q", 3));
    System.out.println("found " + found);
  }

  /** The generator: every result of every page, fetched only when the consumer asks. */
  @Async
  void results(Emitter<String> out, String query) {
    try {
      for (int page = 1; page <= PAGES; page++) {
        log.printf("fetching page %d%n", page);
        for (String item : fetchPage(query, page)) {
          await(out.emit(item)); // yield item
        }
      }
    } finally {
      log.println("generator closed");
    }
  }

  /** A stand-in for a remote call: a page of three results after 20 ms. */
  @Async
  List<String> fetchPage(String query, int page) {
    await(sleep(Duration.ofMillis(20)));
    return List.of(query + page + "-a", query + page + "-b", query + page + "-c");
  }

  /** The consumer: the first {@code n} results ending in "a" or "c". */
  @Async
  List<String> firstMatches(String query, int n) {
    List<String> found = new ArrayList<>();
    for (String r : generator((Emitter<String> out) -> PagedSearchAsync.results(this, out, query))) {
      if (!r.endsWith("-b")) {
        found.add(r);
        log.printf("matched %s%n", r);
        if (found.size() == n) {
          break; // closes the generator: its finally runs before the loop ends
        }
      }
    }
    log.println("consumer done");
    return found;
  }
}
