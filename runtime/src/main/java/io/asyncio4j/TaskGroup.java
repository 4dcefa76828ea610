package io.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Structured concurrency, like {@code asyncio.TaskGroup}: a scope whose child tasks all finish
 * before the scope does, and whose first failure cancels the rest.
 *
 * <p>The usual form is {@code async with}, a try-with-resources in an {@code @Async} method: the
 * group is entered when the resource is initialized, and the end of the block awaits {@link
 * #closeAsync(Throwable)} with the block's exception (see {@link AsyncCloseable}):
 *
 * <pre>{@code
 * @Async
 * List<String> fetchAll(List<String> urls) {
 *   List<Task<String>> tasks = new ArrayList<>();
 *   try (TaskGroup tg = new TaskGroup()) {          // async with asyncio.TaskGroup() as tg:
 *     for (String u : urls) tasks.add(tg.createTask(CrawlerAsync.page(this, u)));
 *     await(sleep(Duration.ofMillis(1)));          // the block may await too
 *   }                                              // waits for every child
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #run(Function)} runs a body coroutine (typically another {@code @Async} method's entry
 * point) as the block: {@code await(taskGroup(tg -> CrawlerAsync.spawnFetches(this, tg, urls)))}.
 *
 * <p>The explicit form is {@code async with} spelled out; {@link #exit(Throwable)} must see the
 * body's exception (or {@code null}) exactly once:
 *
 * <pre>{@code
 * TaskGroup tg = new TaskGroup().enter();
 * Throwable failure = null;
 * try {
 *   tg.createTask(a());
 *   await(b());
 * } catch (Throwable e) {
 *   failure = e;
 * }
 * await(tg.exit(failure));   // waits for the children; throws as described below
 * }</pre>
 *
 * <p><b>Failure.</b> When a child fails (with anything but {@link CancelledException}), the group
 * cancels the other children and cancels the parent task, which interrupts the body at its current
 * await; after all children have finished it throws one {@link ExceptionGroup} ({@code "unhandled
 * errors in a TaskGroup"}) holding every child failure plus the body's own exception if it was not
 * the cancellation. A {@link java.lang.Error} from the body or a child (asyncio's {@code
 * SystemExit}/{@code KeyboardInterrupt}) is rethrown bare instead, after the children finished.
 *
 * <p><b>Cancellation.</b> If the parent task is cancelled from outside while in the group, the
 * children are cancelled and awaited and the {@link CancelledException} propagates (unless a child
 * failed while cleaning up: the {@link ExceptionGroup} takes priority, and the task is left with
 * its cancellation request pending, as in asyncio 3.13). The cancellation the group requested
 * itself is withdrawn with {@link Task#uncancel()} before the group exits, so {@link
 * Task#cancelling()} is back to its earlier value and code after the group runs normally.
 * Cancelling one child explicitly affects neither its siblings nor the group.
 *
 * <p><b>State.</b>
 *
 * <pre>
 * | state    | createTask()            |
 * |----------|-------------------------|
 * | new      | "has not been entered"  |
 * | entered  | starts a child          |
 * | aborting | "is shutting down"      |  a child failed / body failed / parent cancelled
 * | exiting  | starts a child while children remain; "is finished" once none remain
 *
 *   new --enter()--> entered --(failure)--> aborting
 *          entered/aborting --exit()--> exiting --all children done--> finished
 * </pre>
 *
 * <p><b>Invariants.</b> {@code exit} completes only when no child is pending. The group calls
 * {@code cancel()} on its parent at most once, and then calls {@code uncancel()} exactly once.
 *
 * <p>Threading: loop-confined.
 */
public final class TaskGroup implements AsyncCloseable {
  private static final String GROUP_MESSAGE = "unhandled errors in a TaskGroup";

  private boolean entered;
  private boolean exiting;
  private boolean aborting;
  private EventLoop loop;
  private Task<?> parent;
  private boolean parentCancelRequested;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private List<Throwable> errors = new ArrayList<>();
  private Throwable baseError;
  private Future<Boolean> onCompleted;
  private final DoneListener childDone = this::onTaskDone;

  /** Creates a group; {@link #enter()} it (or use {@link #run(Function)}). */
  public TaskGroup() {}

  /**
   * Runs {@code body} as the block of a new group in the current task, then waits for the group's
   * children; yields the body's result.
   *
   * @param <T> the body's result type
   * @param body starts the group's tasks and returns the coroutine the group awaits first
   * @return a coroutine with the body's result once every task is done
   */
  public static <T> Coroutine<T> run(Function<? super TaskGroup, ? extends Coroutine<T>> body) {
    Objects.requireNonNull(body, "body");
    return new ToolkitCoroutine<>() {
      private TaskGroup tg;
      private boolean exited;
      private Object result;

      @Override
      Object run(Object value, Throwable failure) throws Throwable {
        if (tg == null) {
          tg = new TaskGroup().enter();
          Coroutine<T> coro;
          try {
            coro = Objects.requireNonNull(body.apply(tg), "body returned null");
          } catch (Throwable t) {
            exited = true;
            return awaitNext(tg.exit(t));
          }
          return awaitNext(coro);
        }
        if (!exited) {
          exited = true;
          result = value;
          return awaitNext(tg.exit(failure));
        }
        if (failure != null) {
          throw failure;
        }
        return result;
      }
    };
  }

  /**
   * Binds the group to the current task (asyncio's {@code __aenter__}); a try-with-resources in an
   * {@code @Async} method calls it.
   *
   * @return this
   * @throws IllegalStateException if already entered, or not called inside a task
   */
  public TaskGroup enter() {
    if (entered) {
      throw new IllegalStateException("TaskGroup " + this + " has already been entered");
    }
    if (loop == null) {
      loop = Asyncio.getRunningLoop();
    }
    parent = Asyncio.currentTask();
    if (parent == null) {
      throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
    }
    entered = true;
    return this;
  }

  /**
   * Starts {@code coro} as a child task of this group.
   *
   * @param <T> the coroutine's result type
   * @param coro the coroutine to run as a task of the group
   * @return the task
   */
  public <T> Task<T> createTask(Coroutine<T> coro) {
    return createTask(coro, null);
  }

  /**
   * Starts {@code coro} as a child task named {@code name} ({@code null}: the default name).
   *
   * @param <T> the coroutine's result type
   * @param coro the coroutine to run as a task of the group
   * @param name the task's name
   * @return the task
   * @throws IllegalStateException if the group has not been entered, is shutting down after a
   *     failure, or has finished
   */
  public <T> Task<T> createTask(Coroutine<T> coro, String name) {
    assert loop == null || loop.inLoop();
    Objects.requireNonNull(coro, "coro");
    if (!entered) {
      throw new IllegalStateException("TaskGroup " + this + " has not been entered");
    }
    if (exiting && tasks.isEmpty()) {
      throw new IllegalStateException("TaskGroup " + this + " is finished");
    }
    if (aborting) {
      throw new IllegalStateException("TaskGroup " + this + " is shutting down");
    }
    Task<T> task = name == null ? loop.createTask(coro) : loop.createTask(coro, name);
    if (task.done()) {
      onTaskDone(task);
    } else {
      tasks.add(task);
      Waiting.listen(task, childDone);
    }
    return task;
  }

  /**
   * Ends the group's block (asyncio's {@code __aexit__}): waits until every child has finished,
   * cancelling them first if {@code failure} is not {@code null}; then completes normally, or
   * throws the {@link ExceptionGroup}, the {@link CancelledException} or the {@link Error} as the
   * class documentation describes. A {@code failure} that asyncio would let propagate unchanged is
   * rethrown as is.
   *
   * @param failure what the block threw, or {@code null} if it completed normally
   * @return a coroutine that completes when every task of the group is done
   */
  public Coroutine<Void> exit(Throwable failure) {
    if (!entered) {
      throw new IllegalStateException("TaskGroup " + this + " has not been entered");
    }
    if (exiting) {
      throw new IllegalStateException("TaskGroup " + this + " has already been exited");
    }
    return new Exit(failure);
  }

  /**
   * {@link #exit(Throwable)}: the end of a try-with-resources block over this group (asyncio's
   * {@code __aexit__}); its {@link ExceptionGroup} or {@link CancelledException} replaces the
   * block's exception, which the group already holds.
   */
  @Override
  public Coroutine<Void> closeAsync(Throwable primary) {
    return exit(primary);
  }

  private static boolean isBaseError(Throwable t) {
    return t instanceof Error;
  }

  private void abort() {
    aborting = true;
    for (Task<?> t : tasks) {
      if (!t.done()) {
        t.cancel();
      }
    }
  }

  private void onTaskDone(Future<?> task) {
    tasks.remove(task);
    if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
      onCompleted.setResult(Boolean.TRUE);
    }
    if (task.cancelled()) {
      return;
    }
    Throwable exc = task.exception();
    if (exc == null) {
      return;
    }
    errors.add(exc);
    if (isBaseError(exc) && baseError == null) {
      baseError = exc;
    }
    if (parent.done()) {
      loop.callExceptionHandler(
          new ExceptionContext(
              "Task "
                  + task
                  + " has errored out but its parent task "
                  + parent
                  + " is already completed",
              exc,
              task));
      return;
    }
    if (!aborting && !parentCancelRequested) {
      abort();
      parentCancelRequested = true;
      parent.cancel();
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TaskGroup[");
    if (!tasks.isEmpty()) {
      sb.append("tasks=").append(tasks.size());
    }
    if (errors != null && !errors.isEmpty()) {
      sb.append(sb.length() > 10 ? " " : "").append("errors=").append(errors.size());
    }
    if (aborting) {
      sb.append(sb.length() > 10 ? " " : "").append("cancelling");
    } else if (entered) {
      sb.append(sb.length() > 10 ? " " : "").append("entered");
    }
    return sb.append(']').toString();
  }

  private final class Exit extends ToolkitCoroutine<Void> {
    private final Throwable failure;
    private CancelledException propagateCancellation;
    private boolean started;

    Exit(Throwable failure) {
      this.failure = failure;
    }

    @Override
    Object run(Object value, Throwable awaitFailure) throws Throwable {
      if (!started) {
        started = true;
        exiting = true;
        if (failure != null && isBaseError(failure) && baseError == null) {
          baseError = failure;
        }
        if (failure instanceof CancelledException) {
          propagateCancellation = (CancelledException) failure;
        }
        if (failure != null && !aborting) {
          abort();
        }
      } else {
        if (awaitFailure instanceof CancelledException) {
          if (!aborting) {
            propagateCancellation = (CancelledException) awaitFailure;
            abort();
          }
        } else if (awaitFailure != null) {
          throw awaitFailure;
        }
        onCompleted = null;
      }
      if (!tasks.isEmpty()) {
        if (onCompleted == null) {
          onCompleted = loop.createFuture();
        }
        return awaitNext(onCompleted);
      }
      return finish();
    }

    private Object finish() throws Throwable {
      try {
        if (parentCancelRequested) {
          if (parent.uncancel() == 0) {
            propagateCancellation = null;
          }
        }
        if (baseError != null) {
          throw baseError;
        }
        if (propagateCancellation != null && errors.isEmpty()) {
          throw propagateCancellation;
        }
        if (failure != null && !(failure instanceof CancelledException)) {
          errors.add(failure);
        }
        if (!errors.isEmpty()) {
          if (parent.cancelling() > 0) {
            // Cancelled from outside too: keep the request pending (asyncio 3.13), re-arming it.
            parent.uncancel();
            parent.cancel();
          }
          throw new ExceptionGroup(GROUP_MESSAGE, errors);
        }
        return null;
      } finally {
        parent = null;
        errors = null;
        baseError = null;
      }
    }
  }
}
