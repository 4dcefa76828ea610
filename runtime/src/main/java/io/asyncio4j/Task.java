package io.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A coroutine scheduled on an {@link EventLoop}; asyncio's {@code Task}. Create one with {@link
 * Asyncio#createTask(Coroutine)} or {@link EventLoop#createTask(Coroutine)}; it is a {@link
 * Future} of the coroutine's outcome.
 *
 * <p>States ({@code cancelling} is "pending with {@link #cancelling()} &gt; 0"):
 *
 * <pre>
 * | state      | done() | cancelled() | what is happening                                  |
 * |------------|--------|-------------|----------------------------------------------------|
 * | scheduled  | false  | false       | created; its first step is on the ready queue      |
 * | running    | false  | false       | the loop is running its step (currentTask())       |
 * | suspended  | false  | false       | awaiting exactly one future or sleep               |
 * | finished   | true   | false       | the coroutine returned (result) or threw (failed)  |
 * | cancelled  | true   | true        | a CancelledException escaped the coroutine         |
 *
 *   createTask --&gt; scheduled --step--&gt; running --await pending--&gt; suspended
 *                      ^                  |  ^                        |
 *                      |                  |  +---- awaited done -------+
 *                      +--- yield --------+  (its step was queued again)
 *                                         +--return--&gt; finished (result)
 *                                         +--throw---&gt; finished (failed)
 *                                         +--throw CancelledException--&gt; cancelled
 * </pre>
 *
 * <p>Cancellation is a request ({@link #cancel(String)}): it returns {@code true} while the task
 * is not done and counts in {@link #cancelling()}. A suspended task has the future it awaits
 * cancelled at once, so {@link CancelledException} is thrown at the {@code await}, down the whole
 * await chain (a task awaiting a task cancels it). A scheduled or running task gets it at its next
 * step or next suspending await; a task cancelled before its first step never runs its body. A
 * coroutine that catches the exception and returns finishes normally, not cancelled.
 *
 * <p>Errors: whatever the coroutine throws fails the task, including {@link StackOverflowError}
 * (deeply nested input; Python's {@code RecursionError}) and {@link OutOfMemoryError} (an
 * allocation too big for the heap; Python's {@code MemoryError}): the stack is unwound and the
 * failed allocation freed by the time the task fails, so the loop and the other tasks go on. Other
 * {@link VirtualMachineError}s ({@link InternalError}, {@link UnknownError}) mean the JVM itself
 * is broken: they fail the task and are rethrown out of the loop.
 *
 * <p>Invariants (as CPython's {@code Task}):
 *
 * <ul>
 *   <li>A pending task is either waiting on exactly one future or sleep ({@code waiter}), or its
 *       step is queued (on the ready queue or a timer that queues it); never both, never neither
 *       (except while running).
 *   <li>{@code mustCancel} is set only while no waiter could be cancelled; the next step throws
 *       {@link CancelledException} into the coroutine.
 *   <li>A pending task is in its loop's live-task list (so it is strongly reachable and never
 *       garbage-collected mid-run); a done task is not.
 *   <li>{@code frame} is the innermost frame; its {@code caller} links lead to the root
 *       coroutine.
 * </ul>
 *
 * <p>Threading: loop-confined.
 *
 * @param <T> the result type
 */
public class Task<T> extends Future<T> {
  /** Innermost frame while running/suspended; the root before the first step and at the end. */
  Coroutine<?> frame;

  /** The {@link Future} or {@link Sleep} the task is suspended on, or {@code null}. */
  Object waiter;

  /** The outcome the innermost frame reads with {@code resumeValue()}. */
  Object resume;

  boolean resumeIsError;
  boolean started;
  boolean mustCancel;
  private final int id;

  /** Name, cancel count and message: rarely used, so allocated on first need (saves 8 bytes). */
  private Extras extras;

  /** The loop's live-task list (intrusive, doubly linked). */
  Task<?> prev;

  Task<?> next;

  Task(EventLoop loop, Coroutine<T> coro, String name) {
    super(loop);
    Coroutine<?> root = coro == Sleep.YIELD ? new Sleep<Void>(0) : coro;
    if (root instanceof Sleep) {
      ((Sleep<?>) root).checkNotDetached();
    }
    root.claim(this);
    this.frame = root;
    if (name != null) {
      extras().name = name;
    }
    // The creator's context (asyncio copies it; ours are immutable, so sharing is the copy).
    Task<?> creator = loop.currentTask;
    Context context = creator != null ? creator.context() : Context.current();
    if (context != Context.EMPTY) {
      extras().context = context;
    }
    this.id = loop.taskCreated(this);
    if (loop.getDebug()) {
      extras().createdAt = Diagnostics.creationSite(this);
    }
    LoopObserver o = loop.observer;
    if (o != null) {
      o.taskCreated(this);
    }
  }

  /**
   * The name: the one given, or {@code Task-<n>} with n counting the loop's tasks from 1.
   *
   * @return the name
   */
  public final String getName() {
    Extras e = extras;
    return e != null && e.name != null ? e.name : "Task-" + id;
  }

  /**
   * Renames the task ({@code null} becomes {@code "null"}, as asyncio passes names through str).
   *
   * @param name the new name
   */
  public final void setName(String name) {
    assert loop.inLoop();
    extras().name = String.valueOf(name);
  }

  /**
   * The coroutine this task wraps.
   *
   * @return the root coroutine
   */
  @SuppressWarnings("unchecked")
  public final Coroutine<T> getCoro() {
    Coroutine<?> c = frame;
    while (c.caller != null) {
      c = c.caller;
    }
    return (Coroutine<T>) c;
  }

  /**
   * Where the task is suspended: one element per frame of its await chain that knows its
   * position, innermost first. Empty for a done task.
   *
   * @return the frames, innermost first
   */
  public final List<StackTraceElement> getStack() {
    assert loop.inLoop();
    if (done()) {
      return Collections.emptyList();
    }
    List<StackTraceElement> stack = new ArrayList<>();
    for (Coroutine<?> c = frame; c != null; c = c.caller) {
      StackTraceElement e = c.suspensionPoint();
      if (e != null) {
        stack.add(e);
      }
    }
    return stack;
  }

  /**
   * Prints {@link #getStack()} (innermost first, as a Java stack trace), or a failed task's
   * exception with its async stack trace, to {@code System.err}; asyncio's {@code print_stack()}.
   */
  public final void printStack() {
    printStack(System.err);
  }

  /**
   * {@link #printStack()} to {@code out}.
   *
   * @param out where to print
   */
  public final void printStack(java.io.PrintStream out) {
    assert loop.inLoop();
    out.print(TaskDump.stackOf(this));
    out.flush();
  }

  /**
   * The number of pending cancellation requests: {@code cancel()} calls minus {@code uncancel()}.
   *
   * @return the pending cancellation requests
   */
  public final int cancelling() {
    Extras e = extras;
    return e == null ? 0 : e.cancelRequests;
  }

  /**
   * Withdraws one cancellation request and returns how many remain (never below 0). As in Python
   * 3.13, reaching 0 also withdraws a cancellation not yet delivered (3.11/3.12 still delivered
   * it), so a task that un-cancels itself before its next step completes normally. Does nothing
   * useful on a done task.
   *
   * @return the pending cancellation requests left
   */
  public final int uncancel() {
    assert loop.inLoop();
    Extras e = extras;
    if (e == null) {
      return 0;
    }
    if (e.cancelRequests > 0) {
      e.cancelRequests--;
      if (e.cancelRequests == 0) {
        mustCancel = false;
      }
    }
    return e.cancelRequests;
  }

  /**
   * Requests cancellation (see the class comment).
   *
   * @return {@code false} if the task is done, else {@code true} (every time)
   */
  @Override
  public boolean cancel(String msg) {
    assert loop.inLoop();
    loop.checkThread();
    markRetrieved();
    if (state != PENDING) {
      return false;
    }
    Extras e = extras();
    e.cancelRequests++;
    Object w = waiter;
    if (w instanceof Future) {
      if (((Future<?>) w).cancel(msg)) {
        // The waiter's done callback wakes this task with CancelledException(msg). The waiter is
        // kept: a task waiter may swallow the cancellation and need cancelling again.
        return true;
      }
    } else if (w instanceof Sleep) {
      if (((Sleep<?>) w).cancelTimer(msg)) {
        return true;
      }
    }
    mustCancel = true;
    e.cancelMsg = msg;
    return true;
  }

  /** Always throws: a task's outcome is its coroutine's. */
  @Override
  public final void setResult(T result) {
    throw new UnsupportedOperationException("Task does not support setResult operation");
  }

  /** Always throws: a task's outcome is its coroutine's. */
  @Override
  public final void setException(Throwable exception) {
    throw new UnsupportedOperationException("Task does not support setException operation");
  }

  // ---------------------------------------------------------------- driving the coroutine

  final Extras extras() {
    Extras e = extras;
    if (e == null) {
      e = new Extras();
      extras = e;
    }
    return e;
  }

  /** The message of the pending cancellation ({@code mustCancel}), or {@code null}. */
  final String cancelMsg() {
    Extras e = extras;
    return e == null ? null : e.cancelMsg;
  }

  /** The extras, or {@code null} if none were needed yet. */
  final Extras extrasIfAny() {
    return extras;
  }

  /** The rarely used part of a task (and the debugging state, see {@link AsyncStackTraces}). */
  static final class Extras {
    String name;
    String cancelMsg;
    int cancelRequests;

    /** The exception whose async stack trace ends in this task ({@link AsyncStackTraces}). */
    Throwable traceError;

    /** The frame {@code traceError} last entered, or the task once it escaped the root. */
    Object traceTip;

    /** Debug mode: where the task was created ({@link Diagnostics#creationSite}). */
    Throwable createdAt;

    /** The task's {@link ContextVar} values; null when empty. */
    Context context;
  }

  /** The context the task runs in ({@link ContextVar}). */
  final Context context() {
    Extras e = extras;
    Context c = e == null ? null : e.context;
    return c == null ? Context.EMPTY : c;
  }

  /** Replaces the task's context (a {@link ContextVar#set} while it runs). */
  final void setContext(Context c) {
    if (c != Context.EMPTY || extras != null) {
      extras().context = c;
    }
  }

  /** {@code await(f)} of a pending future from {@code from}, a frame of this task. */
  final Object suspendOn(Future<?> f, Coroutine<?> from) {
    if (f == this) {
      throw new IllegalStateException("Task cannot await on itself: " + this);
    }
    if (f.loop != loop) {
      throw new IllegalStateException(
          "Task " + getName() + " got Future " + f + " attached to a different loop");
    }
    f.addListener(this);
    waiter = f;
    frame = from;
    if (mustCancel && f.cancel(cancelMsg())) {
      mustCancel = false;
    }
    return Coroutine.SUSPENDED;
  }

  /** A bare yield from {@code from}: resume it with {@code value} after one loop iteration. */
  final Object yieldNow(Coroutine<?> from, Object value) {
    frame = from;
    resume = value;
    resumeIsError = false;
    loop.schedule(this, null);
    return Coroutine.SUSPENDED;
  }

  /**
   * Runs the next step; called by the loop from the ready queue. {@code arg} is the future or
   * sleep that woke the task, or {@code null} for the first step and after a yield.
   */
  final void wake(Object arg) {
    if (state != PENDING) {
      return;
    }
    Object value = null;
    Throwable error = null;
    if (arg == null) {
      value = resume;
    } else if (arg instanceof Future) {
      Future<?> f = (Future<?>) arg;
      waiter = null;
      switch (f.state) {
        case RESULT:
          value = f.value;
          break;
        case EXCEPTION:
          f.markRetrieved();
          error = (Throwable) f.value;
          break;
        default:
          error = f.cancelledException();
          break;
      }
    } else {
      Sleep<?> s = (Sleep<?>) arg;
      waiter = null;
      if (s.isCancelled()) {
        error = new CancelledException(s.cancelMessage());
        if (s != frame) {
          // A root sleep still reads its task in step(); finish() detaches it.
          s.detachIfCancelled();
        }
      } else {
        value = s.takeResult();
      }
    }
    if (mustCancel) {
      if (!(error instanceof CancelledException)) {
        error = new CancelledException(cancelMsg());
      }
      mustCancel = false;
    }
    if (error != null && started) {
      AsyncStackTraces.awaitableToFrame(error, this, arg, frame);
    }
    run(value, error);
  }

  /**
   * Steps the innermost frame with ({@code value}, {@code error}) and trampolines each finished
   * frame's outcome to its caller, in a loop, until a frame suspends or the root finishes.
   */
  private void run(Object value, Throwable error) {
    EventLoop l = loop;
    if (l.currentTask != null) {
      throw new IllegalStateException(
          "Cannot enter into task "
              + getName()
              + " while another task "
              + l.currentTask.getName()
              + " is being executed.");
    }
    l.currentTask = this;
    LoopObserver o = l.observer;
    if (o != null) {
      o.stepStarted(this);
    }
    ContextHook[] hooks = l.contextHooks;
    Object[] hookStates = hooks == null ? null : Context.installHooks(hooks, context());
    try {
      Coroutine<?> f = frame;
      if (error != null && !started) {
        started = true;
        // Cancelled before the first step: the body never runs.
        finish(f, null, error);
        return;
      }
      // Unconditional: a branch on the first step would be one that a task created after the
      // JIT compiled this method (the measured run of a benchmark, say) takes for the first time,
      // which throws the compiled code away (an unstable_if trap) just when it is needed.
      started = true;
      for (; ; ) {
        resume = error != null ? error : value;
        resumeIsError = error != null;
        Object r;
        try {
          r = f.step();
        } catch (Throwable e) {
          Coroutine<?> c = f.caller;
          if (c == null) {
            finish(f, null, e);
            return;
          }
          f.caller = null;
          AsyncStackTraces.frameToCaller(e, this, f, c, false);
          f = c;
          value = null;
          error = e;
          continue;
        }
        if (r == Coroutine.SUSPENDED) {
          return;
        }
        Coroutine<?> c = f.caller;
        if (c == null) {
          finish(f, r, null);
          return;
        }
        f.caller = null;
        f = c;
        value = r;
        error = null;
      }
    } finally {
      if (hooks != null) {
        Context.restoreHooks(hooks, hookStates);
      }
      l.currentTask = null;
      if (o != null) {
        o.stepEnded(this);
      }
    }
  }

  private void finish(Coroutine<?> root, Object result, Throwable error) {
    if (error != null) {
      AsyncStackTraces.taskFailed(error, this, root);
      if (root instanceof Sleep) {
        ((Sleep<?>) root).detachIfCancelled();
      }
    }
    frame = root;
    waiter = null;
    resume = null;
    resumeIsError = false;
    loop.taskDone(this);
    if (error == null) {
      if (mustCancel) {
        // Cancelled while running and returned without awaiting: still cancelled (asyncio C8).
        mustCancel = false;
        value = new CancelledException(cancelMsg());
        state = CANCELLED;
      } else {
        value = result;
        state = RESULT;
      }
      scheduleCallbacks();
    } else if (error instanceof CancelledException) {
      mustCancel = false;
      value = error;
      state = CANCELLED;
      scheduleCallbacks();
    } else {
      value = error;
      state = EXCEPTION;
      scheduleCallbacks();
      loop.taskFailed(this);
      trackUnretrieved("Task exception was never retrieved");
      if (Throwables.isFatal(error)) {
        throw (VirtualMachineError) error;
      }
    }
  }

  /** The task's number ({@code Task-<id>}), in creation order; may wrap around. */
  final int id() {
    return id;
  }

  @Override
  String trackerSource() {
    return Diagnostics.describeCreation("Task " + getName(), this);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Task[");
    if (state == PENDING) {
      sb.append(cancelling() > 0 ? "cancelling" : "pending");
    } else if (state == CANCELLED) {
      sb.append("cancelled");
    } else {
      sb.append("finished");
    }
    sb.append(" name=").append(getName()).append(" coro=").append(getCoro());
    Coroutine<?> f = frame;
    if (state == PENDING && f.caller != null) {
      // Suspended inside an inline await chain: coro= shows the root, this the innermost await.
      StackTraceElement at = f.suspensionPoint();
      if (at != null) {
        sb.append(" at=").append(at);
      }
    }
    if (state == RESULT) {
      sb.append(" result=");
      appendValue(sb, value);
    } else if (state == EXCEPTION) {
      sb.append(" exception=").append(value);
    } else if (state == PENDING) {
      describeCallbacks(sb);
      Object w = waiter;
      if (w != null) {
        sb.append(" waitFor=").append(w);
      }
    }
    return sb.append(']').toString();
  }
}
