package io.asyncio4j;

import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JDK Flight Recorder events for task lifecycles: {@code io.asyncio4j.TaskCreated}, {@code
 * io.asyncio4j.TaskStep} (a duration event per step) and {@code io.asyncio4j.TaskDone}. Off by
 * default: a loop emits them only when {@code -Dasyncio4j.jfr=true} (then every loop attaches an
 * instance when it starts running) and a recording enables them; the events are then filtered by
 * the recording's settings as usual ({@code jfr print --events io.asyncio4j.TaskStep rec.jfr}).
 *
 * <p>Invariants: at most one instance per loop; {@link #step} is non-null only between {@code
 * stepStarted} and {@code stepEnded} of an enabled step event.
 *
 * <p>Threading: loop-confined (one instance per loop).
 */
final class JfrEvents implements LoopObserver {
  private TaskStep step;

  private JfrEvents() {}

  /** Makes {@code loop} emit the events (once; later calls do nothing). Loop-confined. */
  static void attach(EventLoop loop) {
    LoopObserver o = loop.observer;
    if (o instanceof JfrEvents) {
      return;
    }
    if (o instanceof LoopObserver.Many) {
      for (LoopObserver x : ((LoopObserver.Many) o).all) {
        if (x instanceof JfrEvents) {
          return;
        }
      }
    }
    loop.observer = LoopObserver.add(o, new JfrEvents());
  }

  /** Stops {@code loop} emitting the events. Loop-confined. */
  static void detach(EventLoop loop) {
    LoopObserver o = loop.observer;
    if (o instanceof JfrEvents) {
      loop.observer = null;
    } else if (o instanceof LoopObserver.Many) {
      for (LoopObserver x : ((LoopObserver.Many) o).all) {
        if (x instanceof JfrEvents) {
          loop.observer = LoopObserver.remove(o, x);
          return;
        }
      }
    }
  }

  @Override
  public void taskCreated(Task<?> t) {
    TaskCreated e = new TaskCreated();
    if (e.isEnabled()) {
      e.task = t.getName();
      e.coroutine = t.getCoro().getClass().getName();
      Task<?> creator = t.loop.currentTask;
      e.creator = creator == null ? null : creator.getName();
      e.commit();
    }
  }

  @Override
  public void stepStarted(Task<?> t) {
    TaskStep e = new TaskStep();
    if (e.isEnabled()) {
      e.task = t.getName();
      e.resumedAt = innermost(t);
      e.begin();
      step = e;
    }
  }

  @Override
  public void stepEnded(Task<?> t) {
    TaskStep e = step;
    if (e != null) {
      step = null;
      e.end();
      if (e.shouldCommit()) {
        e.outcome = outcome(t);
        if (!t.done()) {
          e.suspendedAt = innermost(t);
          e.awaiting = t.waiter == null ? "yield" : String.valueOf(t.waiter);
        }
        e.commit();
      }
    }
    if (t.done()) {
      TaskDone d = new TaskDone();
      if (d.isEnabled()) {
        d.task = t.getName();
        d.state = outcome(t);
        if (t.state == Future.EXCEPTION || t.state == Future.CANCELLED) {
          d.exception = String.valueOf(t.value);
        }
        d.commit();
      }
    }
  }

  private static String outcome(Task<?> t) {
    switch (t.state) {
      case Future.RESULT:
        return "finished";
      case Future.EXCEPTION:
        return "failed";
      case Future.CANCELLED:
        return "cancelled";
      default:
        return "suspended";
    }
  }

  private static String innermost(Task<?> t) {
    List<StackTraceElement> s = t.getStack();
    return s.isEmpty() ? null : s.get(0).toString();
  }

  /** A task was created. Its stack trace is where. */
  @Name("io.asyncio4j.TaskCreated")
  @Label("Task Created")
  @Category("asyncio4j")
  @Description("An asyncio4j task was created; the stack trace is where")
  static final class TaskCreated extends Event {
    @Label("Task")
    String task;

    @Label("Coroutine Class")
    String coroutine;

    @Label("Created By Task")
    String creator;
  }

  /** One step of a task: from resuming at one await to suspending at the next (or finishing). */
  @Name("io.asyncio4j.TaskStep")
  @Label("Task Step")
  @Category("asyncio4j")
  @Description("One step of an asyncio4j task on its event loop's thread")
  @StackTrace(false)
  static final class TaskStep extends Event {
    @Label("Task")
    String task;

    @Label("Resumed At")
    String resumedAt;

    @Label("Outcome")
    String outcome;

    @Label("Suspended At")
    String suspendedAt;

    @Label("Awaiting")
    String awaiting;
  }

  /** A task finished, failed or was cancelled. */
  @Name("io.asyncio4j.TaskDone")
  @Label("Task Done")
  @Category("asyncio4j")
  @Description("An asyncio4j task finished, failed or was cancelled")
  @StackTrace(false)
  static final class TaskDone extends Event {
    @Label("Task")
    String task;

    @Label("State")
    String state;

    @Label("Exception")
    String exception;
  }
}
