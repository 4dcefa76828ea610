package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.CancelledException;
import io.asyncio4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Cancellation delivered at each await, with finally blocks and a recovering catch. */
public class Cancel {
  private Cancel() {}

  static Duration ms(int n) {
    return Duration.ofMillis(n);
  }

  @Async
  static String victim(List<String> log) {
    try {
      log.add("a");
      await(sleep(ms(10)));
      log.add("b");
      for (int i = 0; i < 1; i++) {
        try {
          await(sleep(ms(10)));
        } finally {
          log.add("inner finally");
        }
      }
      log.add("c");
      await(sleep(ms(10)));
      log.add("d");
      return "done";
    } finally {
      log.add("finally");
    }
  }

  @Async
  static String recovering(List<String> log) {
    try {
      await(sleep(ms(10)));
      return "done";
    } catch (CancelledException e) {
      log.add("caught");
      await(sleep(ms(1)));
      return "recovered";
    }
  }

  /** Cancels {@link #victim} while it waits at its {@code n}th await (0: never). */
  @Async
  static List<String> cancelAt(int n) {
    List<String> log = new ArrayList<>();
    Task<String> t = createTask(CancelAsync.victim(log));
    await(sleep(ms(n == 0 ? 100 : 5 + 10 * (n - 1))));
    t.cancel();
    try {
      log.add(await(t));
    } catch (CancelledException e) {
      log.add("cancelled " + t.cancelled());
    }
    return log;
  }

  @Async
  static List<String> cancelRecovering() {
    List<String> log = new ArrayList<>();
    Task<String> t = createTask(CancelAsync.recovering(log));
    await(sleep(ms(5)));
    t.cancel();
    log.add(await(t) + " " + t.cancelled());
    return log;
  }
}
