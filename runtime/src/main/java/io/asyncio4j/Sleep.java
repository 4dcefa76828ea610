package io.asyncio4j;

/**
 * What {@link Asyncio#sleep(java.time.Duration, Object)} returns: a coroutine that is also a
 * lightweight timer entry. Awaited inline, it is not a frame at all: the awaiting frame suspends,
 * this object sits in the loop's timer heap, and when it fires the task resumes the awaiting frame
 * directly with {@link #result}. No {@link Future}, no {@link TimerHandle}, no lambda.
 *
 * <p>A zero (or negative) delay is a bare yield: the task's step goes straight back onto the
 * ready queue, as asyncio's {@code sleep(0)}. {@link #YIELD} (zero delay, {@code null} result) is
 * a shared instance that is never claimed, so {@code await(sleep(Duration.ZERO))} allocates
 * nothing.
 *
 * <p>States ({@link #state}):
 *
 * <pre>
 * | state     | value       | in timer heap | meaning                                |
 * |-----------|-------------|---------------|----------------------------------------|
 * | new       | delay &gt;= 0 | no            | not awaited yet                        |
 * | waiting   | WAITING     | yes           | the task sleeps on it                  |
 * | fired     | FIRED       | no            | queued: it queues the task's step      |
 * | cancelled | CANCELLED   | maybe (stale) | the step is queued; it will throw      |
 *
 *   new --await, delay &gt; 0--&gt; waiting --deadline--&gt; fired
 *   new --await, delay 0--&gt; fired       waiting --Task.cancel--&gt; cancelled
 *   new --await with a cancel pending--&gt; cancelled
 * </pre>
 *
 * <p>Invariants: only a waiting sleep is live in the heap; the loop skips the others when they
 * come out. While cancelled, {@link #result} holds the cancel message instead of the result. A
 * cancelled sleep lets go of its task ({@code task = null}) once the task has taken the
 * cancellation, like asyncio's cancelled {@code TimerHandle} drops its callback: the stale heap
 * entry then keeps neither the task nor its {@link CancelledException} alive (a million cancelled
 * sleepers would otherwise stay reachable until the heap is compacted). A sleep with a negative
 * state has been awaited, with or without its task.
 *
 * <p>Threading: loop-confined.
 */
final class Sleep<T> extends Coroutine<T> {
  static final Sleep<Void> YIELD = new Sleep<>(0, null);

  static final long WAITING = -1;
  static final long FIRED = -2;
  static final long CANCELLED = -3;

  long state;
  Object result;

  Sleep(long delayNanos, T result) {
    this.state = Math.max(0, delayNanos);
    this.result = result;
  }

  /** {@code await(this)} from {@code frame}, a frame of task {@code t}. */
  Object awaitFrom(Task<?> t, Coroutine<?> frame) {
    if (this == YIELD) {
      return t.yieldNow(frame, null);
    }
    checkNotDetached();
    claim(t);
    return start(t, frame);
  }

  /** Runs only when this sleep is the root coroutine of its own task. */
  @Override
  protected Object step() throws Throwable {
    if (state >= 0) {
      return start(task, this);
    }
    return resumeValue();
  }

  private Object start(Task<?> t, Coroutine<?> frame) {
    long delay = state;
    if (delay == 0) {
      state = FIRED;
      Object r = result;
      result = null;
      return t.yieldNow(frame, r);
    }
    t.frame = frame;
    t.waiter = this;
    if (t.mustCancel) {
      // Like asyncio: a pending cancel cancels the new waiter at once instead of waiting.
      t.mustCancel = false;
      state = CANCELLED;
      result = t.cancelMsg();
      t.loop.schedule(t, this);
    } else {
      state = WAITING;
      t.loop.addSleep(delay, this);
    }
    return SUSPENDED;
  }

  /**
   * The deadline came. Like asyncio, where the timer completes the sleep's future and the future's
   * done callback then queues the task, the task's step is queued by this entry's own turn on the
   * ready queue ({@link #wakeTask()}), one iteration after the timer: callbacks due at the same
   * time run before the task resumes, as in asyncio.
   */
  void fire() {
    state = FIRED;
    task.loop.schedule(this, null);
  }

  /** Second hop of {@link #fire()}: queue the task's step. */
  void wakeTask() {
    task.loop.schedule(task, this);
  }

  /** Called once the task has taken the cancellation: see the class comment. */
  void detachIfCancelled() {
    if (state == CANCELLED) {
      task = null;
    }
  }

  /** A detached sleep has no task to show in {@link #claim}'s message: same check, own message. */
  void checkNotDetached() {
    if (state < 0 && task == null) {
      throw new IllegalStateException(
          "coroutine "
              + this
              + " was already awaited or wrapped in a task; a coroutine can be awaited once: call"
              + " its entry point again for a new one");
    }
  }

  /** Task.cancel() on a task sleeping here; false if it is too late (the step is queued). */
  boolean cancelTimer(String msg) {
    if (state != WAITING) {
      return false;
    }
    state = CANCELLED;
    result = msg;
    EventLoop loop = task.loop;
    loop.timerCancelled();
    loop.schedule(task, this);
    return true;
  }

  @Override
  public String toString() {
    if (state >= 0) {
      return "Sleep[" + state + "ns]";
    }
    return state == WAITING ? "Sleep[waiting]" : state == FIRED ? "Sleep[fired]" : "Sleep[cancelled]";
  }
}
