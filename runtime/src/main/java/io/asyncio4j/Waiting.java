package io.asyncio4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The implementations behind {@link Asyncio#waitFor}, {@link Asyncio#wait}, {@link
 * Asyncio#asCompleted} and {@link Asyncio#shield}, with asyncio 3.12 semantics. Each public method
 * documents its cancellation behaviour on the facade.
 *
 * <p>Threading: loop-confined.
 */
final class Waiting {
  private Waiting() {}

  /** asyncio's {@code ensure_future}: a future as is; a coroutine wrapped in a new task. */
  static Future<?> ensureFuture(Awaitable<?> aw, EventLoop loop) {
    Objects.requireNonNull(aw, "awaitable");
    if (aw instanceof Future) {
      Future<?> f = (Future<?>) aw;
      if (loop != null && f.getLoop() != loop) {
        throw new IllegalArgumentException(
            "awaitable: " + f + " (expected: futures of one event loop)");
      }
      return f;
    }
    if (aw instanceof Coroutine) {
      EventLoop l = loop != null ? loop : Asyncio.getRunningLoop();
      return l.createTask((Coroutine<?>) aw);
    }
    throw new IllegalArgumentException(
        "awaitable: " + aw.getClass().getName() + " (expected: a Future, a Task or a Coroutine)");
  }

  /**
   * Registers {@code listener} to be called one {@code callSoon} after {@code f} completes (at
   * once, through the ready queue, if it is already done); no allocation beyond the listener.
   */
  static void listen(Future<?> f, DoneListener listener) {
    if (f.done()) {
      f.loop.schedule(listener, f);
    } else {
      f.addListener(listener);
    }
  }

  /**
   * The {@link CancelledException} that awaiting {@code f} would throw (asyncio's {@code
   * _make_cancelled_error}); for a future that is not cancelled, a new one with no message.
   */
  static CancelledException cancelledErrorOf(Future<?> f) {
    return f.cancelled() ? f.cancelledException() : new CancelledException();
  }

  /** Cancels {@code fut} and waits until it is done (asyncio's {@code _cancel_and_wait}). */
  static Coroutine<Void> cancelAndWait(Future<?> fut) {
    return new ToolkitCoroutine<>() {
      private Future<Void> waiter;
      private DoneListener release;

      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        if (waiter == null) {
          waiter = fut.getLoop().createFuture();
          release = f -> releaseWaiter(waiter);
          listen(fut, release);
          fut.cancel();
          return awaitNext(waiter);
        }
        fut.removeListener(release);
        if (failure != null) {
          throw failure;
        }
        return null;
      }
    };
  }

  private static void releaseWaiter(Future<Void> waiter) {
    if (!waiter.done()) {
      waiter.setResult(null);
    }
  }

  static <T> Coroutine<T> waitFor(Awaitable<T> aw, Duration timeout) {
    Objects.requireNonNull(aw, "awaitable");
    if (timeout == null) {
      return new ToolkitCoroutine<>() {
        private boolean started;

        @Override
        Object run(Object value, Throwable failure) throws Throwable {
          if (!started) {
            started = true;
            return awaitNext(aw);
          }
          if (failure != null) {
            throw failure;
          }
          return value;
        }
      };
    }
    if (timeout.isNegative() || timeout.isZero()) {
      return new ToolkitCoroutine<>() {
        private Future<?> fut;

        @Override
        Object run(Object value, Throwable failure) throws Throwable {
          if (fut == null) {
            fut = ensureFuture(aw, null);
            if (fut.done()) {
              return fut.result();
            }
            return awaitNext(cancelAndWait(fut));
          }
          if (failure != null) {
            throw failure;
          }
          try {
            return fut.result();
          } catch (CancelledException e) {
            throw new AsyncTimeoutException("Timeout expired", e);
          }
        }
      };
    }
    return Asyncio.timeout(timeout).wrap(aw);
  }

  static <T> Coroutine<WaitResult<T>> wait(
      Collection<? extends Future<T>> fs, ReturnWhen returnWhen, Duration timeout) {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(returnWhen, "returnWhen");
    if (fs.isEmpty()) {
      throw new IllegalArgumentException("fs: [] (expected: at least one future)");
    }
    Set<Future<T>> set = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Future<T>> ordered = new ArrayList<>(fs.size());
    for (Future<T> f : fs) {
      if (set.add(Objects.requireNonNull(f, "future"))) {
        ordered.add(f);
      }
    }
    return new ToolkitCoroutine<>() {
      private Future<Void> waiter;
      private Handle timeoutHandle;
      private int counter;
      private DoneListener onCompletion;

      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        if (waiter == null) {
          EventLoop loop = Asyncio.getRunningLoop();
          waiter = loop.createFuture();
          if (timeout != null) {
            timeoutHandle = loop.callLater(timeout, () -> releaseWaiter(waiter));
          }
          counter = ordered.size();
          onCompletion =
              f -> {
                counter--;
                if (counter <= 0
                    || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION
                        && !f.cancelled()
                        && f.exception() != null)) {
                  if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                  }
                  releaseWaiter(waiter);
                }
              };
          for (Future<T> f : ordered) {
            listen(f, onCompletion);
          }
          return awaitNext(waiter);
        }
        if (timeoutHandle != null) {
          timeoutHandle.cancel();
        }
        for (Future<T> f : ordered) {
          f.removeListener(onCompletion);
        }
        if (failure != null) {
          throw failure;
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : ordered) {
          (f.done() ? done : pending).add(f);
        }
        return new WaitResult<>(
            Collections.unmodifiableSet(done), Collections.unmodifiableSet(pending));
      }
    };
  }

  private static final Object TIMED_OUT = new Object();

  static <T> List<Coroutine<T>> asCompleted(
      Collection<? extends Awaitable<? extends T>> aws, Duration timeout) {
    Queue<Object> done = new Queue<>();
    int n = startAsCompleted(aws, timeout, done);
    List<Coroutine<T>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(nextCompletion(done, false));
    }
    return Collections.unmodifiableList(out);
  }

  static <T> AsCompleted<T> asCompletedFutures(
      Collection<? extends Awaitable<? extends T>> aws, Duration timeout) {
    Queue<Object> done = new Queue<>();
    int n = startAsCompleted(aws, timeout, done);
    return new AsCompleted<>(done, n);
  }

  /**
   * Starts asyncio's {@code as_completed} machinery: wraps coroutines in tasks, collapses
   * duplicates, and feeds each completed future (or, at the timeout, one marker per outstanding
   * future) into {@code done}. Returns the number of distinct futures.
   */
  private static int startAsCompleted(
      Collection<? extends Awaitable<?>> aws, Duration timeout, Queue<Object> done) {
    Objects.requireNonNull(aws, "aws");
    EventLoop loop = Asyncio.getRunningLoop();
    Map<Awaitable<?>, Boolean> seen = new IdentityHashMap<>();
    Set<Future<?>> todo = new LinkedHashSet<>();
    for (Awaitable<?> aw : aws) {
      if (seen.put(Objects.requireNonNull(aw, "awaitable"), Boolean.TRUE) == null) {
        todo.add(ensureFuture(aw, loop));
      }
    }
    Handle[] timeoutHandle = new Handle[1];
    DoneListener[] onCompletion = new DoneListener[1];
    onCompletion[0] =
        f -> {
          if (todo.isEmpty()) {
            return; // the timeout came first
          }
          todo.remove(f);
          done.putNowait(f);
          if (todo.isEmpty() && timeoutHandle[0] != null) {
            timeoutHandle[0].cancel();
          }
        };
    for (Future<?> f : todo) {
      listen(f, onCompletion[0]);
    }
    if (!todo.isEmpty() && timeout != null) {
      timeoutHandle[0] =
          loop.callLater(
              timeout,
              () -> {
                for (Future<?> f : todo) {
                  f.removeListener(onCompletion[0]);
                  done.putNowait(TIMED_OUT);
                }
                todo.clear();
              });
    }
    return todo.size();
  }

  /**
   * A coroutine that takes the next completion from {@code done}: the future itself ({@code
   * future}) or its result; throws {@link AsyncTimeoutException} for the timeout marker.
   */
  static <R> Coroutine<R> nextCompletion(Queue<Object> done, boolean future) {
    return new ToolkitCoroutine<R>() {
      private boolean started;

      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        if (!started) {
          started = true;
          return awaitNext(done.get());
        }
        if (failure != null) {
          throw failure;
        }
        if (value == TIMED_OUT) {
          throw new AsyncTimeoutException("Timeout expired");
        }
        return future ? value : ((Future<?>) value).result();
      }
    };
  }

  static <T> Future<T> shield(Awaitable<T> aw) {
    @SuppressWarnings("unchecked")
    Future<T> inner = (Future<T>) ensureFuture(aw, null);
    if (inner.done()) {
      return inner;
    }
    Future<T> outer = inner.getLoop().createFuture();
    DoneListener innerDone =
        f -> {
          if (outer.cancelled()) {
            return;
          }
          if (inner.cancelled()) {
            outer.cancel();
          } else {
            Throwable exc = inner.exception();
            if (exc != null) {
              outer.setException(exc);
            } else {
              outer.setResult(inner.result());
            }
          }
        };
    listen(inner, innerDone);
    listen(
        outer,
        f -> {
          if (!inner.done()) {
            inner.removeListener(innerDone);
          }
        });
    return outer;
  }
}
