package io.asyncio4j;

import java.util.ArrayDeque;

/**
 * A cyclic barrier for a fixed number of tasks, like {@code asyncio.Barrier}: {@link
 * #arriveAndWait()} blocks until {@code parties} tasks have arrived, then releases them all, each
 * with a distinct arrival index in {@code 0..parties-1}.
 *
 * <p>asyncio's {@code wait()} is {@link #arriveAndWait()} here because {@link Object#wait()} is
 * final. {@link #reset()} and {@link #abort()} take effect at once (asyncio's are coroutines only
 * because they take the barrier's internal lock, which a loop-confined barrier does not need).
 *
 * <p><b>Cancellation.</b> Cancelling a task blocked in {@link #arriveAndWait()} removes it from the
 * barrier's count (the next arrival gets its place) and delivers {@link CancelledException}; the
 * barrier is not broken. A task blocked while the barrier drains or resets leaves without having
 * been counted.
 *
 * <p><b>State.</b>
 *
 * <pre>
 * | state     | arriveAndWait()                       |
 * |-----------|---------------------------------------|
 * | FILLING   | counted; last arrival releases all     |
 * | DRAINING  | blocks until the released tasks left   |
 * | RESETTING | blocks until the reset waiters left    |
 * | BROKEN    | throws BrokenBarrierException          |
 *
 *   FILLING --last party--> DRAINING --count 0--> FILLING
 *   FILLING/DRAINING --reset(), count &gt; 0--> RESETTING --count 0--> FILLING
 *   any --abort()--> BROKEN --reset()--> FILLING (or RESETTING while tasks are inside)
 * </pre>
 *
 * <p><b>Invariants.</b> {@code count} is the number of tasks inside {@link #arriveAndWait()} that
 * have taken an index and not yet left; it is 0 whenever the state moves back to FILLING.
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 */
public final class Barrier extends LoopBound {
  private enum State {
    FILLING,
    DRAINING,
    RESETTING,
    BROKEN
  }

  private final int parties;
  private final ArrayDeque<Future<Void>> fillers = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> blocked = new ArrayDeque<>();
  private State state = State.FILLING;
  private int count;

  /**
   * Creates a barrier for {@code parties} tasks.
   *
   * @param parties how many tasks must arrive
   * @throws IllegalArgumentException if {@code parties < 1}
   */
  public Barrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties: " + parties + " (expected: > 0)");
    }
    this.parties = parties;
  }

  /**
   * Arrives and waits until {@code parties} tasks have arrived; yields this task's arrival index.
   *
   * @return a coroutine with this task's arrival index
   * @throws BrokenBarrierException (at the await) if the barrier is or becomes broken or reset
   */
  public Coroutine<Integer> arriveAndWait() {
    return new Wait();
  }

  /**
   * Resets the barrier to its empty state; tasks waiting in it get {@link BrokenBarrierException}.
   * A broken barrier becomes usable again.
   */
  public void reset() {
    assert inLoop();
    if (count > 0) {
      state = State.RESETTING;
    } else {
      state = State.FILLING;
    }
    wakeAll();
  }

  /**
   * Breaks the barrier: current and later {@link #arriveAndWait()} calls throw {@link
   * BrokenBarrierException} until {@link #reset()}.
   */
  public void abort() {
    assert inLoop();
    state = State.BROKEN;
    wakeAll();
  }

  /**
   * The number of tasks required to trip the barrier.
   *
   * @return how many tasks must arrive
   */
  public int parties() {
    return parties;
  }

  /**
   * The number of tasks waiting in the barrier while it fills (0 while draining).
   *
   * @return how many tasks are waiting
   */
  public int nWaiting() {
    return state == State.FILLING ? count : 0;
  }

  /**
   * Whether the barrier is broken.
   *
   * @return whether the barrier is broken
   */
  public boolean broken() {
    return state == State.BROKEN;
  }

  private void wakeAll() {
    for (Future<Void> f : fillers) {
      if (!f.done()) {
        f.setResult(null);
      }
    }
    for (Future<Void> f : blocked) {
      if (!f.done()) {
        f.setResult(null);
      }
    }
  }

  private void leave() {
    count--;
    if (count == 0) {
      if (state == State.RESETTING || state == State.DRAINING) {
        state = State.FILLING;
      }
      wakeAll();
    }
  }

  @Override
  public String toString() {
    String s = state.name().toLowerCase(java.util.Locale.ROOT);
    if (state != State.BROKEN) {
      s += ", waiters:" + nWaiting() + "/" + parties;
    }
    return "Barrier[" + s + "]";
  }

  private final class Wait extends ToolkitCoroutine<Integer> {
    private Future<Void> blocker;
    private Future<Void> filler;
    private int index = -1;

    @Override
    Object run(Object value, Throwable failure) throws Throwable {
      if (blocker != null) {
        blocked.remove(blocker);
        blocker = null;
        if (failure != null) {
          throw failure;
        }
      }
      if (index < 0) {
        if (state == State.DRAINING || state == State.RESETTING) {
          blocker = loop(runningLoop()).createFuture();
          blocked.addLast(blocker);
          return awaitNext(blocker);
        }
        if (state == State.BROKEN) {
          throw new BrokenBarrierException("Barrier aborted");
        }
        index = count++;
        if (index + 1 == parties) {
          state = State.DRAINING;
          wakeAll();
          leave();
          return index;
        }
        return waitForRelease();
      }
      fillers.remove(filler);
      filler = null;
      if (failure == null && state == State.FILLING) {
        return waitForRelease();
      }
      State seen = state;
      leave();
      if (failure != null) {
        throw failure;
      }
      if (seen == State.BROKEN || seen == State.RESETTING) {
        throw new BrokenBarrierException("Abort or reset of barrier");
      }
      return index;
    }

    private Object waitForRelease() {
      filler = loop(runningLoop()).createFuture();
      fillers.addLast(filler);
      return awaitNext(filler);
    }
  }
}
