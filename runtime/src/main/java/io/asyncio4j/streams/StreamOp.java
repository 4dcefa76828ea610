package io.asyncio4j.streams;

import io.asyncio4j.Future;
import io.asyncio4j.spi.AsyncStateMachine;

/**
 * A stream operation as a coroutine: nothing happens until it is awaited (like an asyncio coroutine
 * method), then {@link #attempt()} runs, and again each time the waiter it registered completes,
 * until it returns a result or throws.
 *
 * <p>Each suspension waits on a fresh waiter future, so cancelling the awaiting task cancels only
 * that waiter: the stream's state is unchanged and the operation throws {@link
 * io.asyncio4j.CancelledException} at the await.
 *
 * <p>States: attempting (in {@link #attempt()}), waiting ({@link #waiter} pending and the task
 * suspended on it), finished. Invariants: {@link #waiter} is non-null exactly while waiting.
 *
 * <p>Threading: loop-confined.
 */
abstract class StreamOp<T> extends AsyncStateMachine<T> {
  /** What {@link #attempt()} returns after registering a waiter with {@link #waitOn(Future)}. */
  static final Object WAIT =
      new Object() {
        @Override
        public String toString() {
          return "WAIT";
        }
      };

  private Future<Void> waiter;

  /** Completes the operation (returns its result) or registers a waiter and returns WAIT. */
  abstract Object attempt() throws Throwable;

  /** Called when the awaiting task is cancelled while waiting; the default does nothing. */
  void onCancelled() {}

  final Object waitOn(Future<Void> w) {
    waiter = w;
    return WAIT;
  }

  @Override
  protected final Object step() throws Throwable {
    if (waiter != null) {
      waiter = null;
      try {
        resumeValue();
      } catch (Throwable e) {
        onCancelled();
        throw e;
      }
    }
    for (; ; ) {
      Object r = attempt();
      if (r != WAIT) {
        return r;
      }
      Object v;
      try {
        v = await(waiter);
      } catch (Throwable e) {
        waiter = null;
        onCancelled();
        throw e;
      }
      if (v == SUSPENDED) {
        return SUSPENDED;
      }
      waiter = null;
    }
  }
}
