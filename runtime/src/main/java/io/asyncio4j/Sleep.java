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
 * <p>States ({@link #slot}; one reference field for all of them, so that a sleeping task's
 * {@code Sleep} is 24 bytes: a million sleepers are a million of these):
 *
 * <pre>
 * | state     | slot               | in timer heap | meaning                                |
 * |-----------|--------------------|---------------|----------------------------------------|
 * | new       | the delay, a Long  | no            | not awaited yet                        |
 * | waiting   | WAITING            | yes           | the task sleeps on it                  |
 * | fired     | FIRED              | no            | queued: it queues the task's step      |
 * | cancelled | a Cancelled        | maybe (stale) | the step is queued; it will throw      |
 *
 *   new --await, delay &gt; 0--&gt; waiting --deadline--&gt; fired
 *   new --await, delay 0--&gt; fired       waiting --Task.cancel--&gt; cancelled
 *   new --await with a cancel pending--&gt; cancelled
 * </pre>
 *
 * <p>The result of {@code sleep(delay, result)} lives in the {@link WithResult} subclass (a
 * {@code null} result, the common case, needs no field). Invariants: only a waiting sleep is live
 * in the heap; the loop skips the others when they come out. A
 * cancelled sleep lets go of its task ({@code task = null}) once the task has taken the
 * cancellation, like asyncio's cancelled {@code TimerHandle} drops its callback: the stale heap
 * entry then keeps neither the task nor its {@link CancelledException} alive (a million cancelled
 * sleepers would otherwise stay reachable until the heap is compacted). A sleep with a negative
 * state other than new has been awaited, with or without its task.
 *
 * <p>Threading: loop-confined.
 */
class Sleep<T> extends Coroutine<T> {
  static final Sleep<Void> YIELD = new Sleep<>(0);

  private static final Object WAITING = new Object();
  private static final Object FIRED = new Object();

  /** The cancelled state, with the cancel message. */
  private static final class Cancelled {
    final String message;

    Cancelled(String message) {
      this.message = message;
    }
  }

  /** A sleep that produces a non-null result. */
  static final class WithResult<T> extends Sleep<T> {
    private Object result;

    WithResult(long delayNanos, T result) {
      super(delayNanos);
      this.result = result;
    }

    @Override
    Object takeResult() {
      Object r = result;
      result = null;
      return r;
    }
  }

  /** See the state table. */
  private Object slot;

  Sleep(long delayNanos) {
    this.slot = Long.valueOf(Math.max(0, delayNanos));
  }

  /** A sleep of {@code delayNanos} (zero or less: a bare yield) that produces {@code result}. */
  static <T> Sleep<T> of(long delayNanos, T result) {
    return result == null ? new Sleep<>(delayNanos) : new WithResult<>(delayNanos, result);
  }

  /** The result, once: later calls (and a sleep without one) give null. */
  Object takeResult() {
    return null;
  }

  boolean isWaiting() {
    return slot == WAITING;
  }

  boolean isCancelled() {
    return slot instanceof Cancelled;
  }

  /** The cancel message of a cancelled sleep. */
  String cancelMessage() {
    return ((Cancelled) slot).message;
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
    if (slot instanceof Long) {
      return start(task, this);
    }
    return resumeValue();
  }

  private Object start(Task<?> t, Coroutine<?> frame) {
    long delay = (Long) slot;
    if (delay == 0) {
      slot = FIRED;
      return t.yieldNow(frame, takeResult());
    }
    t.frame = frame;
    t.waiter = this;
    if (t.mustCancel) {
      // Like asyncio: a pending cancel cancels the new waiter at once instead of waiting.
      t.mustCancel = false;
      slot = new Cancelled(t.cancelMsg());
      t.loop.schedule(t, this);
    } else {
      slot = WAITING;
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
    slot = FIRED;
    task.loop.schedule(this, null);
  }

  /** Second hop of {@link #fire()}: queue the task's step. */
  void wakeTask() {
    task.loop.schedule(task, this);
  }

  /** Called once the task has taken the cancellation: see the class comment. */
  void detachIfCancelled() {
    if (slot instanceof Cancelled) {
      task = null;
    }
  }

  /** A detached sleep has no task to show in {@link #claim}'s message: same check, own message. */
  void checkNotDetached() {
    if (!(slot instanceof Long) && task == null) {
      throw new IllegalStateException(
          "coroutine "
              + this
              + " was already awaited or wrapped in a task; a coroutine can be awaited once: call"
              + " its entry point again for a new one");
    }
  }

  /** Task.cancel() on a task sleeping here; false if it is too late (the step is queued). */
  boolean cancelTimer(String msg) {
    if (slot != WAITING) {
      return false;
    }
    slot = new Cancelled(msg);
    EventLoop loop = task.loop;
    loop.timerCancelled();
    loop.schedule(task, this);
    return true;
  }

  @Override
  public String toString() {
    if (slot instanceof Long) {
      return "Sleep[" + slot + "ns]";
    }
    return slot == WAITING ? "Sleep[waiting]" : slot == FIRED ? "Sleep[fired]" : "Sleep[cancelled]";
  }
}
