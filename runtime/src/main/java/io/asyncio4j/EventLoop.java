package io.asyncio4j;

import io.asyncio4j.internal.Clock;
import io.asyncio4j.internal.ReadyQueue;
import io.asyncio4j.internal.TimerQueue;
import io.asyncio4j.internal.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A single-threaded event loop; asyncio's {@code BaseEventLoop}. It runs callbacks, timers and
 * task steps on the one thread that called {@link #runForever()} or {@link
 * #runUntilComplete(Awaitable)}.
 *
 * <p>One iteration: take what other threads posted with {@link #callSoonThreadsafe(Runnable)}; if
 * nothing is ready, wait for the earliest timer (a loop made by {@link #withVirtualTime()} jumps
 * its clock there instead) or, once a channel is registered ({@link #addReader}), for I/O in
 * {@code Selector.select}, which is never called while work is ready (except a non-blocking poll
 * every 32 busy iterations, against starvation); queue the callbacks of ready channels; append
 * the due timers, earliest first, ties in scheduling order;
 * then run exactly the callbacks that were ready when the iteration began: anything they schedule
 * runs in the next iteration.
 *
 * <p>States:
 *
 * <pre>
 * | state   | isRunning() | isClosed() | accepts work | can run |
 * |---------|-------------|------------|--------------|---------|
 * | idle    | false       | false      | yes          | yes     |
 * | running | true        | false      | yes          | no (re-entrant run throws) |
 * | closed  | false       | true       | no (throws)  | no (throws) |
 *
 *   idle --runForever/runUntilComplete--&gt; running --stop() + end of iteration--&gt; idle
 *   idle --close()--&gt; closed              running --close()--&gt; throws
 * </pre>
 *
 * <p>The loop holds every pending task strongly (an intrusive list), so a fire-and-forget task
 * is never garbage-collected mid-run, unlike asyncio's weak set. Errors from callbacks go to the
 * {@linkplain #setExceptionHandler exception handler} and the loop keeps running.
 *
 * <p>Debug mode ({@link #setDebug(boolean)}, or {@code -Dasyncio4j.debug=true} for every loop)
 * makes loop-confined methods called from a foreign thread throw {@link IllegalStateException},
 * warns about callbacks slower than {@link #setSlowCallbackDuration(Duration)} (100 ms by
 * default; for a task step, with where it resumed and suspended), and records where each task is
 * created, for the "Task exception was never retrieved" report and {@link #dumpTasks()}. See
 * {@code docs/DEBUGGING.md}.
 *
 * <p>Invariants: at most one thread runs the loop ({@link #owner}); at most one task is current;
 * ready work runs in FIFO order; a timer runs no earlier than its deadline; nothing the loop owns
 * takes a lock.
 *
 * <p>Threading: loop-confined, except {@link #callSoonThreadsafe(Runnable)}, {@link #isRunning()},
 * {@link #isClosed()} and {@link #time()}, which are thread-safe.
 */
public class EventLoop {
  private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
  private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
  private static final int MAX_INBOX_DRAIN = 1 << 16;
  private static final int MIN_CANCELLED_TIMERS_TO_COMPACT = 100;

  /** Receives every error the loop cannot deliver to an awaiting coroutine. */
  @FunctionalInterface
  public interface ExceptionHandler {
    /**
     * Called on the loop thread; an exception thrown here is logged, not rethrown.
     *
     * @param loop the loop the error happened on
     * @param context what went wrong
     */
    void handle(EventLoop loop, ExceptionContext context);
  }

  private final Clock clock;
  private final ReadyQueue ready = new ReadyQueue();
  private final TimerQueue timers = new TimerQueue();
  private final ConcurrentLinkedQueue<Handle> inbox = new ConcurrentLinkedQueue<>();
  private volatile Thread owner;
  private volatile boolean closed;
  private volatile boolean sleeping;
  private volatile boolean debug = Diagnostics.DEBUG_DEFAULT;
  private boolean stopping;
  private long slowCallbackNanos = Duration.ofMillis(100).toNanos();
  private ExceptionHandler exceptionHandler;

  /** Failed futures' trackers nobody has retrieved yet; reported at close. Null when none yet. */
  private java.util.Set<Future.Unretrieved> unretrieved;
  private int cancelledTimers;
  /** While {@link #cancelAllTasksAndWait} runs: the last task it waits for, how many are left. */
  private int shutdownLastId;
  private int shutdownRemaining;
  /** While {@link #cancelAllTasksAndWait} runs: the awaited tasks that failed; else null. */
  private List<Task<?>> shutdownFailures;
  private int taskCount;
  private Task<?> liveHead;
  private Task<?> liveTail;
  /** The I/O selector, opened on the first {@link #addReader}/{@link #addWriter}; else null. */
  private IoSelector io;
  Task<?> currentTask;
  /** The group this loop belongs to, or {@code null}; set once, before the loop runs. */
  EventLoopGroup group;
  /** Metrics, loop-confined: pending tasks, task steps run, and the previous sample's figures. */
  int tasksAlive;
  long taskSteps;
  long sampledAt = Long.MIN_VALUE;
  long sampledSteps;

  /** The {@link ContextHook}s run around each task step, or {@code null} (the usual case). */
  ContextHook[] contextHooks;

  /** Task lifecycle observer (tracing, JFR), or {@code null}: read once per task step. */
  LoopObserver observer;
  Consumer<String> warnings = msg -> LOG.log(System.Logger.Level.WARNING, msg);

  /** A loop on real (monotonic) time. */
  public EventLoop() {
    this(Clock.SYSTEM);
  }

  EventLoop(Clock clock) {
    this.clock = clock;
  }

  /**
   * A loop on virtual time, for tests (yours too): its clock starts at 0 and, whenever nothing is
   * ready, jumps straight to the next timer instead of waiting, so {@code
   * sleep(Duration.ofHours(1))} takes microseconds. Timers still run in deadline order and {@link
   * #time()} reports the virtual time. It waits for real only when it has no timers at all (for
   * {@link #callSoonThreadsafe(Runnable)} from another thread).
   *
   * @return a new loop whose clock only moves when it has nothing else to do
   */
  public static EventLoop withVirtualTime() {
    return new EventLoop(new VirtualClock());
  }

  /** The loop running on the calling thread, or {@code null}. */
  static EventLoop runningLoop() {
    return RUNNING.get();
  }

  // ---------------------------------------------------------------- scheduling

  /**
   * The loop's time in nanoseconds (monotonic; on a virtual-time loop, starts at 0).
   *
   * @return the loop's clock, in nanoseconds
   */
  public long time() {
    return clock.nanoTime();
  }

  /**
   * Schedules {@code callback} to run in the next iteration, after everything already scheduled.
   *
   * @param callback what to run
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed
   */
  public Handle callSoon(Runnable callback) {
    assert inLoop();
    checkThread();
    checkNotClosed();
    Objects.requireNonNull(callback, "callback");
    Handle h = new Handle(callback);
    ready.add(h, null);
    return h;
  }

  /**
   * Schedules {@code callback} to run {@code delay} from now; a zero or negative delay means "as
   * soon as possible, in deadline order among due timers" (asyncio accepts negative delays).
   *
   * @param delay how long from now
   * @param callback what to run
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed
   */
  public TimerHandle callLater(Duration delay, Runnable callback) {
    assert inLoop();
    Objects.requireNonNull(delay, "delay");
    return callAt(saturatedAdd(clock.nanoTime(), toNanos(delay)), callback);
  }

  /**
   * Schedules {@code callback} to run at loop time {@code when} (nanoseconds, see {@link
   * #time()}). Timers with equal deadlines run in the order they were scheduled.
   *
   * @param when the deadline in loop time ({@link #time()})
   * @param callback what to run
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed
   */
  public TimerHandle callAt(long when, Runnable callback) {
    assert inLoop();
    checkThread();
    checkNotClosed();
    Objects.requireNonNull(callback, "callback");
    TimerHandle h = new TimerHandle(this, when, callback);
    timers.add(when, h);
    return h;
  }

  /**
   * Schedules {@code callback} from any thread and wakes the loop if it is waiting. Called on the
   * loop's own thread it is {@link #callSoon(Runnable)}. Callbacks from one thread run in the
   * order they were submitted.
   *
   * <p>Threading: thread-safe.
   *
   * @param callback what to run on the loop's thread
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkNotClosed();
    Handle h = new Handle(callback);
    Thread o = owner;
    if (o == Thread.currentThread()) {
      ready.add(h, null);
      return h;
    }
    inbox.add(h);
    if (sleeping) {
      // io is written before sleeping is set (volatile), so a true sleeping publishes it.
      IoSelector s = io;
      o = owner;
      if (s != null) {
        s.wakeup();
      } else if (o != null) {
        LockSupport.unpark(o);
      }
    }
    return h;
  }

  /**
   * Wraps {@code coro} in a {@link Task} named {@code Task-<n>} and schedules its first step.
   *
   * @param <T> the coroutine's result type
   * @param coro the coroutine to run as a task (awaited or wrapped for the first time)
   * @return the scheduled task
   * @throws IllegalStateException if the loop is closed, or {@code coro} was already awaited or
   *     wrapped
   */
  public <T> Task<T> createTask(Coroutine<T> coro) {
    return createTask(coro, null);
  }

  /**
   * {@link #createTask(Coroutine)} with a name ({@code null}: the default {@code Task-<n>}).
   *
   * @param <T> the coroutine's result type
   * @param coro the coroutine to run as a task (awaited or wrapped for the first time)
   * @param name the task's name
   * @return the scheduled task
   */
  public <T> Task<T> createTask(Coroutine<T> coro, String name) {
    assert inLoop();
    checkThread();
    checkNotClosed();
    Objects.requireNonNull(coro, "coro");
    return new Task<>(this, coro, name);
  }

  /**
   * A new pending {@link Future} bound to this loop.
   *
   * @param <T> the result type
   * @return a new pending future of this loop
   */
  public <T> Future<T> createFuture() {
    assert inLoop();
    checkThread();
    checkNotClosed();
    return new Future<>(this);
  }

  // ---------------------------------------------------------------- running

  /**
   * Runs {@code awaitable} to completion (a coroutine is wrapped in a task first) and returns its
   * result, or throws its exception as is (a checked exception too, undeclared).
   *
   * @param <T> the result type
   * @param awaitable what to run until it is done
   * @return its result
   * @throws IllegalStateException if the loop is closed or already running, another loop runs on
   *     this thread, or {@link #stop()} ended the run first ({@code "Event loop stopped before
   *     Future completed."})
   * @throws IllegalArgumentException if {@code awaitable} is a future of another loop
   */
  public <T> T runUntilComplete(Awaitable<T> awaitable) {
    checkNotClosed();
    checkCanRun();
    Objects.requireNonNull(awaitable, "awaitable");
    Future<T> f;
    if (awaitable instanceof Future) {
      f = (Future<T>) awaitable;
      if (f.loop != this) {
        throw new IllegalArgumentException(
            "awaitable: " + f + " belongs to a different loop than this one");
      }
    } else if (awaitable instanceof Coroutine) {
      f = createTask((Coroutine<T>) awaitable);
    } else {
      throw new IllegalArgumentException(
          "awaitable: "
              + awaitable.getClass().getName()
              + " (expected: a Future, a Task or a Coroutine)");
    }
    StopOnDone stopper = new StopOnDone();
    if (f.done()) {
      // Like a done callback added to a done future: stop after one iteration.
      schedule(stopper, f);
    } else {
      f.addListener(stopper);
    }
    try {
      runForever();
    } finally {
      // If the run ended abnormally the stopper may already be queued: disarm it so that it does
      // not stop a later run.
      stopper.armed = false;
      f.removeListener(stopper);
    }
    if (!f.done()) {
      throw new IllegalStateException("Event loop stopped before Future completed.");
    }
    return f.result();
  }

  /**
   * Runs iterations until {@link #stop()} is called; the iteration in which it is called is
   * finished first. If {@code stop()} was called before, runs exactly one iteration without
   * waiting.
   *
   * @throws IllegalStateException if the loop is closed or running, or another loop runs on this
   *     thread
   */
  public void runForever() {
    checkNotClosed();
    checkCanRun();
    owner = Thread.currentThread();
    RUNNING.set(this);
    if (sampledAt == Long.MIN_VALUE) {
      sampledAt = System.nanoTime();
    }
    try {
      Diagnostics.loopStarted(this);
      for (; ; ) {
        runOnce();
        if (stopping) {
          break;
        }
      }
    } finally {
      stopping = false;
      Diagnostics.loopStopped(this);
      RUNNING.remove();
      owner = null;
    }
  }

  /** The ready queue's length (callbacks and task steps ready to run). */
  final int readyLength() {
    return ready.size();
  }

  /** Makes {@link #runForever()} return at the end of the current iteration. */
  public void stop() {
    assert inLoop();
    checkThread();
    stopping = true;
  }

  /**
   * Whether a thread is running the loop. Thread-safe.
   *
   * @return whether a thread is running the loop
   */
  public boolean isRunning() {
    return owner != null;
  }

  /**
   * Whether {@link #close()} was called. Thread-safe.
   *
   * @return whether the loop is closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the loop: pending callbacks and timers are dropped, and every method that schedules or
   * runs work throws from now on. Idempotent.
   *
   * @throws IllegalStateException if the loop is running
   */
  public void close() {
    assert inLoop();
    if (owner != null) {
      throw new IllegalStateException("Cannot close a running event loop");
    }
    if (closed) {
      return;
    }
    reportUnretrieved();
    closed = true;
    shutdownDefaultExecutor();
    ready.clear();
    timers.clear();
    inbox.clear();
    if (io != null) {
      io.close();
      io = null;
    }
  }

  // ---- streams: I/O readiness (asyncio's add_reader / add_writer) ----

  /**
   * Runs {@code callback} in every iteration in which {@code channel} is readable (accepting, for
   * a server channel), until {@link #removeReader}; replaces an earlier reader of the channel. The
   * first registration opens the loop's {@link java.nio.channels.Selector}; from then on the loop
   * waits in {@code select} instead of parking. Channels still registered when the loop is closed
   * are closed with it.
   *
   * @param channel a non-blocking channel
   * @param callback what to run while it is readable
   * @throws IllegalArgumentException if {@code channel} is blocking or closed
   * @throws IllegalStateException if the loop is closed
   */
  public void addReader(java.nio.channels.SelectableChannel channel, Runnable callback) {
    io().add(channel, callback, false);
  }

  /**
   * Stops watching {@code channel} for readability; returns whether a reader was registered.
   *
   * @param channel the channel
   * @return whether it had a reader
   */
  public boolean removeReader(java.nio.channels.SelectableChannel channel) {
    assert inLoop();
    return io != null && io.remove(channel, false);
  }

  /**
   * Like {@link #addReader} for writability (connection completion, while a socket channel has a
   * connection pending).
   *
   * @param channel a non-blocking channel
   * @param callback what to run while it is writable
   */
  public void addWriter(java.nio.channels.SelectableChannel channel, Runnable callback) {
    io().add(channel, callback, true);
  }

  /**
   * Stops watching {@code channel} for writability; returns whether a writer was registered.
   *
   * @param channel the channel
   * @return whether it had a writer
   */
  public boolean removeWriter(java.nio.channels.SelectableChannel channel) {
    assert inLoop();
    return io != null && io.remove(channel, true);
  }

  private IoSelector io() {
    assert inLoop();
    checkThread();
    checkNotClosed();
    if (io == null) {
      io = new IoSelector(this);
    }
    return io;
  }

  /**
   * Installs {@code hook} to run when each task step starts and ends on this loop (and around
   * {@link Asyncio#toThread} calls), after the hooks installed before it; see {@link ContextHook}.
   *
   * @param hook the hook to run around every task step
   */
  public void addContextHook(ContextHook hook) {
    assert inLoop();
    java.util.Objects.requireNonNull(hook, "hook");
    ContextHook[] h = contextHooks;
    if (h == null) {
      contextHooks = new ContextHook[] {hook};
    } else {
      ContextHook[] n = java.util.Arrays.copyOf(h, h.length + 1);
      n[h.length] = hook;
      contextHooks = n;
    }
  }

  // ---- toolkit: runInExecutor (and any executor shutdown in close()) ----

  private java.util.concurrent.ExecutorService defaultExecutor;

  /**
   * Runs {@code fn} on {@code executor} ({@code null}: the loop's default executor, a cached pool
   * of daemon threads created on first use and shut down by {@link #close()}), like asyncio's
   * {@code run_in_executor}; the returned future completes on the loop with the outcome. Cancelling
   * the future before the call starts keeps it from running; a running call is not interrupted and
   * its outcome is dropped.
   *
   * @param <T> the result type
   * @param executor where to run {@code fn}, or {@code null} for the loop's default executor
   * @param fn the blocking code
   * @return a future of this loop with {@code fn}'s outcome
   * @throws IllegalStateException if the loop is closed
   */
  public <T> Future<T> runInExecutor(
      java.util.concurrent.Executor executor, java.util.concurrent.Callable<T> fn) {
    assert inLoop();
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
    if (executor == null) {
      if (defaultExecutor == null) {
        defaultExecutor = Threads.newDefaultExecutor();
      }
      executor = defaultExecutor;
    }
    return Threads.runInExecutor(this, executor, fn);
  }

  /**
   * Sets the executor {@link #runInExecutor} uses for {@code null} (asyncio's {@code
   * set_default_executor}); also where {@code Streams} resolves host names. {@link #close()} shuts
   * it down, as it shuts down the one the loop creates.
   *
   * @param executor the executor for {@code runInExecutor(null, ...)} and name lookups
   */
  public void setDefaultExecutor(java.util.concurrent.ExecutorService executor) {
    assert inLoop();
    Objects.requireNonNull(executor, "executor");
    defaultExecutor = executor;
  }

  private void shutdownDefaultExecutor() {
    if (defaultExecutor != null) {
      defaultExecutor.shutdown();
      defaultExecutor = null;
    }
  }

  // ---------------------------------------------------------------- errors and debug

  /**
   * Sets the handler for errors from callbacks; {@code null} restores the default (logging).
   *
   * @param handler the handler, or {@code null} for the default
   */
  public void setExceptionHandler(ExceptionHandler handler) {
    assert inLoop();
    this.exceptionHandler = handler;
  }

  /**
   * The handler set with {@link #setExceptionHandler}, or {@code null} for the default.
   *
   * @return the handler, or {@code null}
   */
  public ExceptionHandler getExceptionHandler() {
    return exceptionHandler;
  }

  /**
   * Passes {@code context} to the exception handler (or the default one). If the handler throws,
   * that is logged as {@code "Unhandled error in exception handler"}; if the default handler throws
   * too (its logging failed, say), a last short report is attempted and the loop goes on: no
   * handler failure escapes (asyncio's two layers of protection).
   *
   * @param context what went wrong
   */
  public void callExceptionHandler(ExceptionContext context) {
    assert inLoop();
    ExceptionHandler h = exceptionHandler;
    if (h == null) {
      try {
        defaultExceptionHandler(context);
      } catch (Throwable e) {
        lastResortReport("Exception in default exception handler", e);
      }
      return;
    }
    try {
      h.handle(this, context);
    } catch (Throwable e) {
      try {
        defaultExceptionHandler(
            new ExceptionContext("Unhandled error in exception handler", e, context));
      } catch (Throwable e2) {
        lastResortReport(
            "Exception in default exception handler while handling an unexpected error in custom"
                + " exception handler",
            e2);
      }
    }
  }

  /**
   * The default handler: logs {@code context} at ERROR with {@link System.Logger}.
   *
   * @param context what went wrong
   */
  public void defaultExceptionHandler(ExceptionContext context) {
    LOG.log(System.Logger.Level.ERROR, context.toString(), context.exception());
  }

  /** Logs that a handler failed, with its stack trace if possible, else its class; never throws. */
  private static void lastResortReport(String message, Throwable e) {
    try {
      LOG.log(System.Logger.Level.ERROR, message, e);
    } catch (Throwable logFailed) {
      try {
        LOG.log(System.Logger.Level.ERROR, message + ": " + e.getClass().getName());
      } catch (Throwable ignored) {
        // Logging itself is broken: nothing is left to report with, and the loop must go on.
      }
    }
  }

  /**
   * A dump of the loop's pending tasks, like a thread dump: for each task, in creation order, its
   * name, its state, what it awaits and its async stack ({@link Task#getStack()}), innermost first;
   * in debug mode also where it was created. From another thread, or from outside the process, use
   * the JMX bean {@link io.asyncio4j.debug.AsyncioMXBean} (see {@code docs/DEBUGGING.md}).
   *
   * @return the dump
   */
  public String dumpTasks() {
    assert inLoop();
    return TaskDump.dump(this);
  }

  /** The thread running the loop, or {@code null}. Thread-safe. */
  final Thread ownerThread() {
    return owner;
  }

  /**
   * Turns debug mode on or off (see the class comment); {@code -Dasyncio4j.debug=true} turns it
   * on for every new loop.
   *
   * @param enabled whether debug mode is on
   */
  public void setDebug(boolean enabled) {
    this.debug = enabled;
  }

  /**
   * Whether debug mode is on.
   *
   * @return whether debug mode is on
   */
  public boolean getDebug() {
    return debug;
  }

  /**
   * In debug mode, callbacks running at least this long are reported as slow.
   *
   * @param threshold the shortest duration reported
   */
  public void setSlowCallbackDuration(Duration threshold) {
    Objects.requireNonNull(threshold, "threshold");
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("threshold: " + threshold + " (expected: >= PT0S)");
    }
    this.slowCallbackNanos = toNanos(threshold);
  }

  /**
   * Whether the calling thread may use loop-confined methods: the loop is not running, or this is
   * its thread. Used as {@code assert loop.inLoop();}; in debug mode a foreign thread makes it
   * throw {@link IllegalStateException} instead of returning false.
   */
  boolean inLoop() {
    Thread o = owner;
    if (o == null || o == Thread.currentThread()) {
      return true;
    }
    if (debug) {
      throw wrongThread(o);
    }
    return false;
  }

  /** The debug-mode thread check (asyncio's {@code _check_thread}). */
  final void checkThread() {
    if (debug) {
      Thread o = owner;
      if (o != null && o != Thread.currentThread()) {
        throw wrongThread(o);
      }
    }
  }

  private static IllegalStateException wrongThread(Thread o) {
    return new IllegalStateException(
        "Non-thread-safe operation invoked on an event loop other than the current one: called"
            + " from thread "
            + Thread.currentThread().getName()
            + ", but the loop runs on thread "
            + o.getName()
            + "; use callSoonThreadsafe");
  }

  @Override
  public String toString() {
    return "EventLoop[running="
        + isRunning()
        + " closed="
        + closed
        + " debug="
        + debug
        + " clock="
        + clock
        + "]";
  }

  // ---------------------------------------------------------------- internals

  Clock clock() {
    return clock;
  }

  /** Queues an internal callback: a Task step, a done callback, or a Runnable. */
  final void schedule(Object callback, Object argument) {
    ready.add(callback, argument);
  }

  /** Puts {@code sleep} in the timer heap, {@code delayNanos} from now. */
  final void addSleep(long delayNanos, Sleep<?> sleep) {
    timers.add(saturatedAdd(clock.nanoTime(), delayNanos), sleep);
  }

  /** A timer in the heap was cancelled; compacts the heap when most of it is dead. */
  final void timerCancelled() {
    cancelledTimers++;
    if (cancelledTimers > MIN_CANCELLED_TIMERS_TO_COMPACT && cancelledTimers * 2 > timers.size()) {
      timers.removeIf(EventLoop::unscheduleIfStale);
      cancelledTimers = 0;
    }
  }

  private static boolean unscheduleIfStale(Object entry) {
    if (entry instanceof TimerHandle) {
      TimerHandle h = (TimerHandle) entry;
      if (h.cancelled()) {
        h.scheduled = false;
        return true;
      }
      return false;
    }
    return !((Sleep<?>) entry).isWaiting();
  }

  /** Registers a new task: numbers it, links it into the live list, queues its first step. */
  final int taskCreated(Task<?> t) {
    Task<?> tail = liveTail;
    t.prev = tail;
    if (tail == null) {
      liveHead = t;
    } else {
      tail.next = t;
    }
    liveTail = t;
    tasksAlive++;
    ready.add(t, null);
    return ++taskCount;
  }

  /** Unlinks a finished task from the live list. */
  final void taskDone(Task<?> t) {
    Task<?> p = t.prev;
    Task<?> n = t.next;
    if (p == null) {
      liveHead = n;
    } else {
      p.next = n;
    }
    if (n == null) {
      liveTail = p;
    } else {
      n.prev = p;
    }
    t.prev = null;
    t.next = null;
    tasksAlive--;
    if (shutdownRemaining > 0 && awaitedAtShutdown(t) && --shutdownRemaining == 0) {
      // Queued, not at once: the done callbacks the last task is about to schedule run first
      // (as asyncio's gather() stops the loop from a done callback of its own).
      schedule((Runnable) this::stop, null);
    }
  }

  /** The pending tasks of this loop, in creation order. */
  final Set<Task<?>> liveTasks() {
    Set<Task<?>> s = new LinkedHashSet<>();
    for (Task<?> t = liveHead; t != null; t = t.next) {
      s.add(t);
    }
    return Collections.unmodifiableSet(s);
  }

  /**
   * What {@code Asyncio.run} does at the end: cancels every pending task, runs the loop until all
   * of them are done, and reports the ones that failed instead of being cancelled.
   *
   * <p>As lean as holding the tasks: it walks the live list instead of copying it, counts the
   * cancelled tasks down in {@link #taskDone} instead of registering a listener on each, and keeps
   * only the failed ones, so a finished task is garbage at once (1M sleepers: 124 MB to hold, and
   * no more to cancel). Tasks created meanwhile are not waited for (asyncio's {@code
   * _cancel_all_tasks} gathers the tasks that existed when it started).
   */
  final void cancelAllTasksAndWait() {
    if (closed || liveHead == null) {
      return;
    }
    int count = 0;
    for (Task<?> t = liveHead; t != null; t = t.next) {
      count++;
    }
    shutdownLastId = liveTail.id();
    shutdownRemaining = count;
    List<Task<?>> failed = new ArrayList<>();
    shutdownFailures = failed;
    try {
      // cancel() never finishes a task inline, so the list does not change under this walk.
      for (Task<?> t = liveHead; t != null; t = t.next) {
        t.cancel();
      }
      runForever();
    } finally {
      shutdownRemaining = 0;
      shutdownFailures = null;
    }
    for (Task<?> t : failed) {
      callExceptionHandler(
          new ExceptionContext(
              "unhandled exception during Asyncio.run() shutdown", t.exception(), t));
    }
  }

  /** Whether {@code t} is one of the tasks {@link #cancelAllTasksAndWait} waits for. */
  private boolean awaitedAtShutdown(Task<?> t) {
    // Wrap-safe: ids are numbered in creation order and may overflow.
    return t.id() - shutdownLastId <= 0;
  }

  /** A task failed (not cancelled): remembered for the shutdown report if it is awaited there. */
  final void taskFailed(Task<?> t) {
    List<Task<?>> failed = shutdownFailures;
    if (failed != null && awaitedAtShutdown(t)) {
      failed.add(t);
    }
  }

  /** A future failed and nobody has retrieved its exception yet. */
  final void unretrievedAdded(Future.Unretrieved u) {
    if (unretrieved == null) {
      unretrieved = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }
    unretrieved.add(u);
  }

  /** Its exception was retrieved, or it was reported after its future was collected. */
  final void unretrievedSettled(Future.Unretrieved u) {
    if (unretrieved != null) {
      unretrieved.remove(u);
    }
  }

  /**
   * Reports, through the exception handler, every failed future whose exception nobody retrieved
   * and that the garbage collector has not reported yet: at close at the latest, not whenever the
   * collector runs (asyncio reports only on collection).
   */
  private void reportUnretrieved() {
    if (unretrieved == null || unretrieved.isEmpty()) {
      return;
    }
    List<Future.Unretrieved> left = new ArrayList<>(unretrieved);
    unretrieved = null;
    for (Future.Unretrieved u : left) {
      if (u.settle()) {
        callExceptionHandler(u.context());
      }
      u.cleanable.clean();
    }
  }

  /** From the Cleaner thread: report on the loop if it is still open, else log. */
  final void reportFromAnyThread(ExceptionContext context, Future.Unretrieved tracker) {
    if (!closed) {
      try {
        callSoonThreadsafe(new Report(this, context, tracker));
        return;
      } catch (IllegalStateException closedMeanwhile) {
        // fall through to logging
      }
    }
    defaultExceptionHandler(context);
  }

  /** One loop iteration (asyncio's {@code _run_once}). */
  final void runOnce() {
    drainInbox();
    purgeCancelledHead();
    long timeout;
    if (!ready.isEmpty() || stopping) {
      timeout = 0;
    } else if (!timers.isEmpty()) {
      timeout = Math.max(0, saturatedAdd(timers.peekWhen(), -clock.nanoTime()));
    } else {
      timeout = -1;
    }
    if (timeout != 0) {
      idle(timeout);
      drainInbox();
    } else if (io != null) {
      io.busyIteration();
    }
    if (!timers.isEmpty()) {
      long now = clock.nanoTime();
      while (!timers.isEmpty() && timers.peekWhen() <= now) {
        Object e = timers.poll();
        if (e instanceof TimerHandle) {
          TimerHandle h = (TimerHandle) e;
          h.scheduled = false;
          if (h.cancelled()) {
            cancelledTimers--;
          } else {
            ready.add(h, null);
          }
        } else {
          Sleep<?> s = (Sleep<?>) e;
          if (s.isWaiting()) {
            s.fire();
          } else {
            cancelledTimers--;
          }
        }
      }
    }
    boolean timed = debug;
    for (int n = ready.size(); n > 0; n--) {
      Object callback = ready.pollCallback();
      Object argument = ready.pollArgument();
      if (timed) {
        List<StackTraceElement> resumedAt = Diagnostics.stackBefore(callback);
        long start = clock.nanoTime();
        dispatch(callback, argument);
        long took = clock.nanoTime() - start;
        if (took >= slowCallbackNanos) {
          warnings.accept(
              Diagnostics.slowCallbackMessage(
                  String.format(
                      "Executing %s took %.3f seconds", describe(callback, argument), took / 1e9),
                  callback,
                  resumedAt));
        }
      } else {
        dispatch(callback, argument);
      }
    }
    ready.trim();
  }

  @SuppressWarnings("unchecked")
  private void dispatch(Object callback, Object argument) {
    try {
      if (callback instanceof Task) {
        taskSteps++;
        ((Task<?>) callback).wake(argument);
      } else if (callback instanceof Handle) {
        ((Handle) callback).run();
      } else if (callback instanceof Sleep) {
        ((Sleep<?>) callback).wakeTask();
      } else if (callback instanceof DoneListener) {
        ((DoneListener) callback).onDone((Future<?>) argument);
      } else if (callback instanceof Consumer) {
        ((Consumer<Object>) callback).accept(argument);
      } else {
        ((Runnable) callback).run();
      }
    } catch (Throwable e) {
      if (Throwables.isFatal(e)) {
        throw (VirtualMachineError) e;
      }
      callExceptionHandler(
          new ExceptionContext(
              "Exception in callback " + describe(callback, argument), e, callback));
    }
  }

  private static String describe(Object callback, Object argument) {
    if (callback instanceof Task) {
      return ((Task<?>) callback).getName() + " step";
    }
    return argument == null ? String.valueOf(callback) : callback + "(" + argument + ")";
  }

  private void drainInbox() {
    for (int i = 0; i < MAX_INBOX_DRAIN; i++) {
      Handle h = inbox.poll();
      if (h == null) {
        return;
      }
      ready.add(h, null);
    }
  }

  private void purgeCancelledHead() {
    while (!timers.isEmpty()) {
      Object e = timers.peek();
      if (e instanceof TimerHandle) {
        TimerHandle h = (TimerHandle) e;
        if (!h.cancelled()) {
          return;
        }
        h.scheduled = false;
      } else if (((Sleep<?>) e).isWaiting()) {
        return;
      }
      timers.poll();
      cancelledTimers--;
    }
  }

  /**
   * Waits up to {@code timeoutNanos} (forever if negative) for a {@code callSoonThreadsafe}, or,
   * once the loop does I/O, in {@code select} for that or socket readiness.
   */
  private void idle(long timeoutNanos) {
    IoSelector s = io;
    if (!inbox.isEmpty() || (timeoutNanos > 0 && clock.skipWait(timeoutNanos))) {
      if (s != null) {
        s.select(0);
      }
      return;
    }
    sleeping = true;
    try {
      if (inbox.isEmpty()) {
        if (s != null) {
          s.select(timeoutNanos);
        } else if (timeoutNanos < 0) {
          LockSupport.park(this);
        } else {
          LockSupport.parkNanos(this, timeoutNanos);
        }
      }
    } finally {
      sleeping = false;
    }
  }

  private void checkNotClosed() {
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
  }

  private void checkCanRun() {
    if (owner != null) {
      throw new IllegalStateException("This event loop is already running");
    }
    if (RUNNING.get() != null) {
      throw new IllegalStateException(
          "Cannot run the event loop while another loop is running");
    }
  }

  static long toNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException overflow) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return r < 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return r;
  }

  /** Stops the loop when the future {@code runUntilComplete} waits for is done. */
  private final class StopOnDone implements DoneListener {
    boolean armed = true;

    @Override
    public void onDone(Future<?> future) {
      if (armed) {
        stop();
      }
    }
  }

  /** An exception report posted from another thread. */
  private static final class Report implements Runnable {
    private final EventLoop loop;
    private final ExceptionContext context;
    private final Future.Unretrieved tracker;

    Report(EventLoop loop, ExceptionContext context, Future.Unretrieved tracker) {
      this.loop = loop;
      this.context = context;
      this.tracker = tracker;
    }

    @Override
    public void run() {
      loop.unretrievedSettled(tracker);
      loop.callExceptionHandler(context);
    }

    @Override
    public String toString() {
      return "Report[" + context.message() + "]";
    }
  }
}
