package io.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The future {@link Asyncio#gather} returns, asyncio's {@code _GatheringFuture}: completes with the
 * children's results in argument order, and cancelling it cancels the children.
 *
 * <p><b>Cancellation.</b> {@link #cancel(String)} cancels every unfinished child (with the message)
 * and returns whether any accepted; the gather then completes, once the children are done, with a
 * {@link CancelledException} as its exception even when {@code returnExceptions} is set. A child
 * cancelled on its own makes the gather fail with {@link CancelledException} (without {@code
 * returnExceptions}) while {@link #cancelled()} stays false; the other children keep running. A
 * failed child does not cancel its siblings either.
 *
 * <p><b>State.</b> pending (counting finished children) → done. Once done, later child outcomes are
 * ignored and {@code cancel} returns false.
 *
 * <p><b>Invariants.</b> {@code finished} counts distinct children whose completion was seen; the
 * result is set only when {@code finished == distinct.size()}.
 *
 * <p>Threading: loop-confined.
 */
final class Gather<T> extends Future<List<T>> {
  private final List<Future<?>> positions;
  /** The children without repeats: {@code positions} itself when there are none. */
  private List<Future<?>> distinct;
  private final boolean returnExceptions;
  private int finished;
  private boolean cancelRequested;
  private final DoneListener listener = this::childDone;

  private Gather(EventLoop loop, List<Future<?>> positions, boolean returnExceptions) {
    super(loop);
    this.positions = positions;
    this.returnExceptions = returnExceptions;
  }

  static <T> Future<List<T>> gather(boolean returnExceptions, List<? extends Awaitable<?>> aws) {
    if (aws.isEmpty()) {
      Future<List<T>> f = Asyncio.getRunningLoop().createFuture();
      f.setResult(Collections.emptyList());
      return f;
    }
    // Pass 1: every argument as a future, before anything is registered (a bad argument throws
    // here and leaves no listener behind). Only a coroutine passed twice needs a map, to wrap it
    // once; the same future twice is found in pass 2 without hashing a million tasks.
    List<Future<?>> positions = new ArrayList<>(aws.size());
    Map<Awaitable<?>, Future<?>> wrapped = null;
    EventLoop loop = null;
    for (Awaitable<?> aw : aws) {
      Future<?> f;
      if (aw instanceof Future) {
        f = Waiting.ensureFuture(aw, loop);
      } else {
        if (wrapped == null) {
          wrapped = new IdentityHashMap<>();
        }
        f = wrapped.get(aw);
        if (f == null) {
          f = Waiting.ensureFuture(aw, loop);
          wrapped.put(aw, f);
        }
      }
      if (loop == null) {
        loop = f.getLoop();
      }
      positions.add(f);
    }
    // Pass 2: listen to each distinct child once. A pending child already carrying this gather's
    // listener is a repeat; done children (whose listener is scheduled, not registered) are told
    // apart by identity in a set made only when there is one.
    List<Future<?>> distinct = positions;
    Gather<T> outer = new Gather<>(loop, positions, returnExceptions);
    Set<Future<?>> doneSeen = null;
    for (int i = 0; i < positions.size(); i++) {
      Future<?> f = positions.get(i);
      boolean repeat;
      if (!f.done()) {
        repeat = f.hasListener(outer.listener);
        if (!repeat) {
          f.addListener(outer.listener);
        }
      } else {
        if (doneSeen == null) {
          doneSeen = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        repeat = !doneSeen.add(f);
        if (!repeat) {
          f.loop.schedule(outer.listener, f);
        }
      }
      if (repeat && distinct == positions) {
        distinct = new ArrayList<>(positions.subList(0, i));
      } else if (!repeat && distinct != positions) {
        distinct.add(f);
      }
    }
    outer.distinct = distinct;
    return outer;
  }

  @Override
  public boolean cancel(String msg) {
    if (done()) {
      return false;
    }
    boolean any = false;
    for (Future<?> child : distinct) {
      if (child.cancel(msg)) {
        any = true;
      }
    }
    if (any) {
      cancelRequested = true;
    }
    return any;
  }

  private void childDone(Future<?> child) {
    finished++;
    if (done()) {
      if (!child.cancelled()) {
        child.exception(); // its outcome is ignored: mark it retrieved
      }
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        setException(Waiting.cancelledErrorOf(child));
        return;
      }
      Throwable exc = child.exception();
      if (exc != null) {
        setException(exc);
        return;
      }
    }
    if (finished == distinct.size()) {
      List<Object> results = new ArrayList<>(positions.size());
      for (Future<?> f : positions) {
        if (f.cancelled()) {
          results.add(Waiting.cancelledErrorOf(f));
        } else {
          Throwable exc = f.exception();
          results.add(exc != null ? exc : f.result());
        }
      }
      if (cancelRequested) {
        setException(Waiting.cancelledErrorOf(child));
      } else {
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) Collections.unmodifiableList(results);
        setResult(typed);
      }
    }
  }
}
