package io.asyncio4j;

/**
 * Receives a loop's task lifecycle events: what {@link TraceRecorder} and {@link JfrEvents} record.
 * Installed in {@code EventLoop.observer}; while that field is {@code null} (the default) the only
 * cost on the hot path is reading it once per task step.
 *
 * <p>Threading: loop-confined; every method is called on the loop's thread.
 */
interface LoopObserver {
  /** {@code t} was just created (its first step is queued). */
  void taskCreated(Task<?> t);

  /** A step of {@code t} is about to run ({@code t} is the current task). */
  void stepStarted(Task<?> t);

  /**
   * The step of {@code t} ended: {@code t} is suspended (on {@code t.waiter}, or queued again after
   * a yield) or done.
   */
  void stepEnded(Task<?> t);

  /** {@code current} (null, one observer or a {@link Many}) with {@code o} added. */
  static LoopObserver add(LoopObserver current, LoopObserver o) {
    if (current == null) {
      return o;
    }
    LoopObserver[] all =
        current instanceof Many ? ((Many) current).all : new LoopObserver[] {current};
    LoopObserver[] more = java.util.Arrays.copyOf(all, all.length + 1);
    more[all.length] = o;
    return new Many(more);
  }

  /** {@code current} without {@code o} (null when nothing is left). */
  static LoopObserver remove(LoopObserver current, LoopObserver o) {
    if (current == o) {
      return null;
    }
    if (!(current instanceof Many)) {
      return current;
    }
    LoopObserver[] all = ((Many) current).all;
    LoopObserver[] kept = new LoopObserver[all.length];
    int n = 0;
    for (LoopObserver x : all) {
      if (x != o) {
        kept[n++] = x;
      }
    }
    return n == 0 ? null : n == 1 ? kept[0] : new Many(java.util.Arrays.copyOf(kept, n));
  }

  /** Several observers, called in the order they were added. */
  final class Many implements LoopObserver {
    final LoopObserver[] all;

    Many(LoopObserver[] all) {
      this.all = all;
    }

    @Override
    public void taskCreated(Task<?> t) {
      for (LoopObserver o : all) {
        o.taskCreated(t);
      }
    }

    @Override
    public void stepStarted(Task<?> t) {
      for (LoopObserver o : all) {
        o.stepStarted(t);
      }
    }

    @Override
    public void stepEnded(Task<?> t) {
      for (LoopObserver o : all) {
        o.stepEnded(t);
      }
    }
  }
}
