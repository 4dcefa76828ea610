package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.asCompletedFutures;
import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.generator;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.Asyncio.timeout;
import static io.asyncio4j.it.V.fail;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import io.asyncio4j.AsyncCloseable;
import io.asyncio4j.AsyncIterable;
import io.asyncio4j.AsyncIterator;
import io.asyncio4j.Awaitable;
import io.asyncio4j.CancelledException;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Emitter;
import io.asyncio4j.Future;
import io.asyncio4j.Lock;
import io.asyncio4j.Queue;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Fixtures for async with (try-with-resources over AsyncCloseable) and async for. */
@SuppressWarnings("AsyncSwallowedCancellation")
public class WithFor {
  private WithFor() {}

  static Duration ms(int n) {
    return Duration.ofMillis(n);
  }

  /** A resource that logs its entry and its awaited exit; it may fail its exit. */
  public static final class Res implements AsyncCloseable {
    final String name;
    final List<String> log;
    final RuntimeException closeFailure;

    Res(String name, List<String> log, RuntimeException closeFailure) {
      this.name = name;
      this.log = log;
      this.closeFailure = closeFailure;
    }

    @Override
    public Res enter() {
      log.add("enter " + name);
      return this;
    }

    @Override
    public Awaitable<Void> closeAsync(Throwable primary) {
      log.add("close " + name + " primary=" + (primary == null ? "none"
          : primary.getMessage() != null ? primary.getMessage() : primary.getClass().getSimpleName()));
      return closeFailure == null ? v(null) : fail(closeFailure);
    }
  }

  static Res res(String name, List<String> log) {
    return new Res(name, log, null);
  }

  // ---------------------------------------------------------------- async with

  @Async
  static List<String> twoResources(boolean failBody) {
    List<String> log = new ArrayList<>();
    try (Res a = res("a", log);
        Res none = null;
        Res b = res("b", log)) {
      log.add("body " + (none == null) + " " + await(v(a.name + b.name)));
      if (failBody) {
        throw new IllegalStateException("boom");
      }
      log.add("body end");
    } catch (IllegalStateException e) {
      log.add("catch " + e.getMessage() + " suppressed=" + e.getSuppressed().length);
    } finally {
      log.add("finally");
    }
    return log;
  }

  @Async
  static List<String> closeFailureReplacesPrimary(boolean failBody) {
    List<String> log = new ArrayList<>();
    try {
      try (Res a = new Res("a", log, new IllegalArgumentException("close a"))) {
        await(v(a));
        if (failBody) {
          throw new IllegalStateException("boom");
        }
      }
    } catch (RuntimeException e) {
      log.add(e.getClass().getSimpleName() + " " + e.getMessage() + " suppressed="
          + (e.getSuppressed().length == 0 ? "-" : e.getSuppressed()[0].getMessage()));
    }
    return log;
  }

  @Async
  static String jumpsCloseTheResource(int how) {
    List<String> log = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      try (Res r = res("r" + i, log)) {
        await(v(r));
        if (how == 1) {
          break;
        }
        if (how == 2) {
          continue;
        }
        if (how == 3) {
          return String.join(",", log) + " returned";
        }
        log.add("end " + i);
      }
    }
    return String.join(",", log);
  }

  /** Cancelled while the body awaits: the exit sees the CancelledException. */
  @Async
  static List<String> cancelledInside() {
    List<String> log = new ArrayList<>();
    Task<Void> t = createTask(WithForAsync.sleepIn(log));
    await(sleep(ms(5)));
    t.cancel();
    try {
      await(t);
    } catch (CancelledException e) {
      log.add("cancelled " + t.cancelled());
    }
    return log;
  }

  @Async
  static void sleepIn(List<String> log) {
    try (Res r = res("r", log)) {
      await(sleep(ms(100)));
      log.add("not reached " + r.name);
    }
  }

  /** A resource whose type is known only by inference (var), and one written as an expression. */
  @Async
  static List<String> varAndExpressionResources() {
    List<String> log = new ArrayList<>();
    Res outer = res("outer", log);
    try (var inner = res("inner", log); outer) {
      log.add("body " + await(v(inner.name)));
    }
    return log;
  }

  // ---------------------------------------------------------------- TaskGroup, Timeout, Lock

  @Async
  static int child(int n, List<String> log) {
    await(sleep(ms(n)));
    log.add("child " + n);
    if (n < 0) {
      throw new IllegalStateException("child failed");
    }
    return n * 10;
  }

  @Async
  static List<String> taskGroupWaitsForChildren() {
    List<String> log = new ArrayList<>();
    List<Task<Integer>> tasks = new ArrayList<>();
    try (TaskGroup tg = new TaskGroup()) {
      for (int n : new int[] {3, 1, 2}) {
        tasks.add(tg.createTask(WithForAsync.child(n, log)));
      }
      log.add("body done");
    }
    for (Task<Integer> t : tasks) {
      log.add("result " + t.result());
    }
    return log;
  }

  @Async
  static List<String> taskGroupFailureCancelsTheBody() {
    List<String> log = new ArrayList<>();
    try (TaskGroup tg = new TaskGroup()) {
      tg.createTask(WithForAsync.child(5, log));
      tg.createTask(WithForAsync.child(-1, log)); // sleeps 0 and fails... after sleep(-1)? no: 1 ms
      try {
        await(sleep(ms(100)));
      } catch (CancelledException e) {
        log.add("body cancelled");
        throw e;
      }
    } catch (io.asyncio4j.ExceptionGroup g) {
      log.add("group " + g.exceptions().size() + " " + g.exceptions().get(0).getMessage());
    }
    log.add("cancelling=" + io.asyncio4j.Asyncio.currentTask().cancelling());
    return log;
  }

  @Async
  static List<String> timeoutExpires() {
    List<String> log = new ArrayList<>();
    try (Timeout t = timeout(ms(5))) {
      await(sleep(ms(100)));
      log.add("not reached " + t);
    } catch (io.asyncio4j.AsyncTimeoutException e) {
      log.add("timed out, cause " + e.getCause().getClass().getSimpleName());
    }
    try (Timeout t = timeout(ms(50))) {
      await(sleep(ms(1)));
      log.add("in time, expired=" + t.expired());
    }
    // Nested: the inner one expires first; only it converts.
    try (Timeout outer = timeout(ms(50))) {
      try (Timeout inner = timeout(ms(5))) {
        await(sleep(ms(100)));
        log.add("not reached " + inner);
      } catch (io.asyncio4j.AsyncTimeoutException e) {
        log.add("inner timed out, outer expired=" + outer.expired());
      }
    }
    log.add("cancelling=" + io.asyncio4j.Asyncio.currentTask().cancelling());
    return log;
  }

  @Async
  static void critical(Lock lock, String name, List<String> log) {
    try (Lock.Held h = await(lock.hold())) {
      log.add(name + " in " + (h != null));
      await(sleep(ms(2)));
      log.add(name + " out");
    }
  }

  @Async
  static List<String> lockHold() {
    List<String> log = new ArrayList<>();
    Lock lock = new Lock();
    try (TaskGroup tg = new TaskGroup()) {
      tg.createTask(WithForAsync.critical(lock, "a", log));
      tg.createTask(WithForAsync.critical(lock, "b", log));
    }
    log.add("locked=" + lock.locked());
    return log;
  }

  // ---------------------------------------------------------------- async for

  @Async
  static void numbers(Emitter<Integer> out, int n, List<String> log) {
    try {
      for (int i = 1; i <= n; i++) {
        log.add("emit " + i);
        await(v(null));
        await(out.emit(i));
      }
      log.add("gen end");
    } finally {
      log.add("gen finally");
    }
  }

  @Async
  static List<String> consumeGenerator(int stopAt) {
    List<String> log = new ArrayList<>();
    int sum = 0;
    for (int x : generator((Emitter<Integer> out) -> WithForAsync.numbers(out, 3, log))) {
      log.add("got " + x);
      if (x == stopAt) {
        break;
      }
      sum += await(v(x));
    }
    log.add("sum " + sum);
    return log;
  }

  @Async
  static void failing(Emitter<String> out) {
    await(out.emit("one"));
    await(v(null));
    throw new IllegalStateException("generator failed");
  }

  @Async
  static List<String> generatorExceptionReachesConsumer() {
    List<String> log = new ArrayList<>();
    try {
      for (String s : generator((Emitter<String> out) -> WithForAsync.failing(out))) {
        log.add("got " + s);
      }
    } catch (IllegalStateException e) {
      log.add("caught " + e.getMessage());
    }
    return log;
  }

  @Async
  static void slow(Emitter<String> out, List<String> log) {
    try {
      await(out.emit("first"));
      await(sleep(ms(1000)));
      await(out.emit("second"));
    } catch (CancelledException e) {
      log.add("gen cancelled");
      throw e;
    } finally {
      log.add("gen finally");
    }
  }

  @Async
  static void consumeSlow(List<String> log) {
    for (String s : generator((Emitter<String> out) -> WithForAsync.slow(out, log))) {
      log.add("got " + s);
    }
    log.add("not reached");
  }

  @Async
  static List<String> cancelledConsumerCancelsGenerator() {
    List<String> log = new ArrayList<>();
    Task<Void> t = createTask(WithForAsync.consumeSlow(log));
    await(sleep(ms(10)));
    t.cancel();
    try {
      await(t);
    } catch (CancelledException e) {
      log.add("consumer cancelled " + t.cancelled());
    }
    return log;
  }

  @Async
  static List<String> queueUntilShutDown() {
    List<String> log = new ArrayList<>();
    Queue<String> q = new Queue<>();
    Task<Void> producer = createTask(WithForAsync.produce(q));
    for (String item : q) {
      log.add("item " + item);
    }
    await(producer);
    log.add("end");
    return log;
  }

  @Async
  static void produce(Queue<String> q) {
    for (String s : List.of("x", "y", "z")) {
      await(sleep(ms(1)));
      await(q.put(s));
    }
    q.shutdown();
  }

  @Async
  static List<String> asCompletedOrder() {
    List<String> log = new ArrayList<>();
    List<Coroutine<Integer>> list = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (int n : new int[] {30, 10, 20}) {
      list.add(WithForAsync.child(n, ignored));
    }
    for (Future<Integer> f : asCompletedFutures(list, null)) {
      log.add("done " + f.result());
    }
    return log;
  }

  /** An iterable of 0..n-1 whose iterator logs its close. */
  static AsyncIterable<Integer> counting(int n, List<String> log) {
    return () ->
        new AsyncIterator<Integer>() {
          int i = -1;

          @Override
          public Awaitable<Boolean> hasNext() {
            i++;
            return v(i < n);
          }

          @Override
          public Integer next() {
            return i;
          }

          @Override
          public Awaitable<?> closeAsync(Throwable primary) {
            log.add("close " + n + " at " + i + (primary == null ? "" : " " + primary.getMessage()));
            return v(null);
          }
        };
  }

  @Async
  static List<String> nestedLoopsWithJumps() {
    List<String> log = new ArrayList<>();
    outer:
    for (int a : counting(3, log)) {
      for (Integer b : counting(3, log)) {
        if (b == 1) {
          continue;
        }
        if (a == 1 && b == 2) {
          continue outer;
        }
        if (a == 2) {
          break outer;
        }
        log.add(a + "" + b);
      }
    }
    return log;
  }

  @Async
  static String loopExitByReturnAndThrow(boolean doThrow) {
    List<String> log = new ArrayList<>();
    try {
      for (int a : counting(5, log)) {
        await(v(a));
        if (a == 2) {
          if (doThrow) {
            throw new IllegalStateException("thrown at 2");
          }
          return String.join(",", log) + " returned";
        }
      }
    } catch (IllegalStateException e) {
      return String.join(",", log) + " caught";
    }
    return "not reached";
  }

  // ---------------------------------------------------------------- more of asyncio's tests

  @Async
  static void sleeper(int n, List<String> log) {
    try {
      await(sleep(ms(n)));
      log.add("child " + n + " done");
    } catch (CancelledException e) {
      log.add("child " + n + " cancelled");
      throw e;
    }
  }

  @Async
  static void groupCancelledFromOutside(List<String> log) {
    try (TaskGroup tg = new TaskGroup()) {
      tg.createTask(WithForAsync.sleeper(100, log));
      tg.createTask(WithForAsync.sleeper(200, log));
      await(sleep(ms(1000)));
    }
  }

  /** CPython test_taskgroup.py test_taskgroup_05-like: cancelling the parent cancels the children. */
  @Async
  static List<String> taskGroupCancelledFromOutside() {
    List<String> log = new ArrayList<>();
    Task<Void> t = createTask(WithForAsync.groupCancelledFromOutside(log));
    await(sleep(ms(10)));
    t.cancel();
    try {
      await(t);
    } catch (CancelledException e) {
      log.add("parent cancelled " + t.cancelled());
    }
    return log;
  }

  /** CPython test_taskgroup.py test_taskgroup_nested-like: the inner group's error reaches the outer. */
  @Async
  static List<String> nestedTaskGroups() {
    List<String> log = new ArrayList<>();
    try (TaskGroup outer = new TaskGroup()) {
      outer.createTask(WithForAsync.sleeper(50, log));
      try (TaskGroup inner = new TaskGroup()) {
        inner.createTask(WithForAsync.child(-1, log));
        await(sleep(ms(100)));
      }
    } catch (io.asyncio4j.ExceptionGroup g) {
      io.asyncio4j.ExceptionGroup innerGroup = (io.asyncio4j.ExceptionGroup) g.exceptions().get(0);
      log.add("outer group of " + g.exceptions().size() + ", inner: "
          + innerGroup.exceptions().get(0).getMessage());
    }
    return log;
  }

  /** CPython test_timeouts.py test_timeout_reschedule-like: rescheduling inside the block. */
  @Async
  static List<String> timeoutRescheduled() {
    List<String> log = new ArrayList<>();
    try (Timeout t = timeout(ms(5))) {
      t.reschedule(io.asyncio4j.Asyncio.getRunningLoop().time() + ms(50).toNanos());
      await(sleep(ms(20)));
      log.add("still in time, expired=" + t.expired());
    }
    return log;
  }

  /** async for inside async with, and async with inside async for. */
  @Async
  static List<String> nestedForms() {
    List<String> log = new ArrayList<>();
    List<Task<Integer>> tasks = new ArrayList<>();
    try (TaskGroup tg = new TaskGroup()) {
      for (int x : generator((Emitter<Integer> out) -> WithForAsync.numbers(out, 2, log))) {
        try (Res r = res("r" + x, log)) {
          tasks.add(tg.createTask(WithForAsync.child(x, log)));
          await(v(r));
        }
      }
    }
    log.add("results " + tasks.get(0).result() + " " + tasks.get(1).result());
    return log;
  }
}
