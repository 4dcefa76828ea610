package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Queue;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A producer/consumer pipeline: a producer puts work items on a bounded {@link Queue} (so it waits
 * when the workers fall behind), {@value #WORKERS} workers take items, process them and put the
 * results on a second queue; {@code join()} waits until every item has been marked done, and
 * {@code shutdown()} releases the idle workers.
 */
public final class Pipeline {
  static final int WORKERS = 2;

  private final Queue<Integer> work = new Queue<>(2);
  private final Queue<String> results = new Queue<>();
  private final PrintStream log;

  Pipeline(PrintStream log) {
    this.log = log;
  }

  public static void main(String[] args) {
    List<String> out = Asyncio.run(PipelineAsync.run(new Pipeline(System.out), 6));
    System.out.println("results: " + out);
  }

  @Async
  List<String> run(int items) {
    List<Task<Integer>> workers = new ArrayList<>();
    for (int w = 1; w <= WORKERS; w++) {
      workers.add(createTask(PipelineAsync.worker(this, "worker-" + w), "worker-" + w));
    }
    for (int i = 1; i <= items; i++) {
      await(work.put(i)); // waits while the queue is full
      log.printf("produced %d (queue size %d)%n", i, work.qsize());
    }
    await(work.join()); // every item taken and marked done
    work.shutdown(); // the idle workers' loops end
    List<Integer> handled = await(gather(workers));
    log.printf("handled per worker: %s%n", handled);
    List<String> out = new ArrayList<>();
    while (!results.empty()) {
      out.add(results.getNowait());
    }
    return out;
  }

  /** Takes items until the queue is shut down; returns how many it handled. */
  @Async
  int worker(String name) {
    int handled = 0;
    for (int item : work) { // each item is awaited; the loop ends when the queue is shut down
      await(sleep(Duration.ofMillis(10 * item))); // the "processing"
      results.putNowait(name + ":" + item * item);
      log.printf("%s: %d -> %d%n", name, item, item * item);
      handled++;
      work.taskDone();
    }
    log.printf("%s: queue shut down after %d items%n", name, handled);
    return handled;
  }
}
