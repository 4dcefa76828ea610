package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.toThread;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Context;
import io.asyncio4j.ContextHook;
import io.asyncio4j.ContextVar;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A per-request id in the log lines of concurrent requests: the id is a {@link ContextVar} (each
 * task has its own value), and a {@link ContextHook} copies it into a {@link ThreadLocal} at every
 * task step, where a logging framework's MDC would read it. Work handed to {@link
 * Asyncio#toThread} keeps the id too.
 */
public final class RequestLogging {
  static final ContextVar<String> REQUEST_ID = new ContextVar<>("requestId", "-");

  /** The stand-in for a logging MDC: a thread-local the "logger" reads. */
  static final ThreadLocal<String> MDC = new ThreadLocal<>();

  private final PrintStream out;
  private final List<String> lines = new ArrayList<>();

  RequestLogging(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    Asyncio.run(RequestLoggingAsync.serve(new RequestLogging(System.out), List.of("r1", "r2", "r3")));
  }

  /** The logger: prefixes each line with the id it finds in the thread's MDC. */
  void log(String message) {
    String line = "[" + MDC.get() + "] " + message;
    synchronized (lines) {
      lines.add(line);
    }
    out.println(line);
  }

  /** Handles the requests concurrently, each in its own task. */
  @Async
  void serve(List<String> ids) {
    getRunningLoop()
        .addContextHook(
            new ContextHook() {
              @Override
              public Object install(Context context) {
                String previous = MDC.get();
                MDC.set(context.get(REQUEST_ID));
                return previous;
              }

              @Override
              public void restore(Object previous) {
                MDC.set((String) previous);
              }
            });
    List<Task<Void>> tasks = new ArrayList<>();
    try (TaskGroup tg = new TaskGroup()) {
      for (int i = 0; i < ids.size(); i++) {
        tasks.add(tg.createTask(RequestLoggingAsync.handle(this, ids.get(i), i)));
      }
    }
    log("served " + tasks.size() + " requests");
  }

  /** One request: its log lines carry its id across awaits and the worker thread. */
  @Async
  void handle(String id, int n) {
    REQUEST_ID.set(id); // this task's context only
    log("start");
    await(sleep(Duration.ofMillis(10 * (3 - n)))); // the requests interleave
    String checksum = await(toThread(() -> {
      log("hashing on a worker thread");
      return Integer.toHexString(id.hashCode());
    }));
    log("done, checksum " + checksum);
  }
}
