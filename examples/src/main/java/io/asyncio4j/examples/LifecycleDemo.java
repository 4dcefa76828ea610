package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledException;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The life of a Task, printed as it happens: created → scheduled → running → suspended → result /
 * exception / cancelled → done. Three tasks run side by side on one event loop: one returns a
 * result, one throws, one is cancelled while it is suspended in a sleep.
 *
 * <p>Run it with {@code mvn -q -pl examples -am package -DskipTests exec:java}, or see the
 * README for the one-line command.
 */
public final class LifecycleDemo {
  private final PrintStream out;

  public LifecycleDemo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    Asyncio.run(LifecycleDemoAsync.main(new LifecycleDemo(System.out)));
  }

  /** A worker: runs, suspends in a sleep, then returns, throws, or is cancelled meanwhile. */
  @Async
  String work(String name, Duration nap, boolean fail) {
    Task<?> me = Asyncio.currentTask();
    out.printf("  [%s] running    done()=%s%n", name, me.done());
    out.printf("  [%s] suspended  in sleep(%d ms)%n", name, nap.toMillis());
    try {
      await(sleep(nap));
    } catch (CancelledException e) {
      out.printf("  [%s] CancelledException at the await; cleaning up and re-throwing%n", name);
      throw e;
    }
    out.printf("  [%s] resumed    after %d ms%n", name, nap.toMillis());
    if (fail) {
      throw new IllegalStateException(name + " could not finish");
    }
    return name + " done";
  }

  @Async
  void main() {
    out.println("1. created and scheduled: createTask() returns at once; nothing ran yet");
    Task<String> ok = createTask(LifecycleDemoAsync.work(this, "ok", Duration.ofMillis(20), false), "ok");
    Task<String> bad = createTask(LifecycleDemoAsync.work(this, "bad", Duration.ofMillis(30), true), "bad");
    Task<String> slow = createTask(LifecycleDemoAsync.work(this, "slow", Duration.ofSeconds(60), false), "slow");
    List<Task<String>> all = List.of(ok, bad, slow);
    for (Task<String> t : all) {
      out.printf("  %-4s done()=%s cancelled()=%s  %s%n", t.getName(), t.done(), t.cancelled(), t);
    }

    out.println("2. main suspends (sleep 0): the three tasks start running, each until its first await");
    await(sleep(Duration.ZERO));
    for (Task<String> t : all) {
      out.printf("  %-4s done()=%s  suspended at %s%n", t.getName(), t.done(), t.getStack());
    }

    out.println("3. after 40 ms: 'ok' has a result, 'bad' an exception; 'slow' is still suspended");
    await(sleep(Duration.ofMillis(40)));
    out.printf("  ok   done()=%s cancelled()=%s result()=%s%n", ok.done(), ok.cancelled(), ok.result());
    out.printf(
        "  bad  done()=%s cancelled()=%s exception()=%s%n", bad.done(), bad.cancelled(), bad.exception());
    out.printf("  slow done()=%s cancelled()=%s%n", slow.done(), slow.cancelled());

    out.println("4. cancel 'slow' while it is suspended: cancel() is only a request");
    boolean requested = slow.cancel("demo is over");
    out.printf(
        "  cancel() -> %s; cancelling()=%d; done()=%s (not yet: it must run to see the exception)%n",
        requested, slow.cancelling(), slow.done());
    try {
      await(slow);
    } catch (CancelledException e) {
      out.printf("  awaiting 'slow' throws CancelledException: %s%n", e.getMessage());
    }

    out.println("5. done: every task is done(); only 'slow' is cancelled()");
    for (Task<String> t : all) {
      out.printf("  %-4s done()=%s cancelled()=%s  %s%n", t.getName(), t.done(), t.cancelled(), t);
    }
  }
}
