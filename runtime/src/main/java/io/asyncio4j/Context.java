package io.asyncio4j;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An immutable snapshot of {@link ContextVar} values, asyncio's {@code contextvars.Context}. Each
 * {@link Task} runs in the context that was current when it was created (a copy: setting a variable
 * in the task changes only the task's own context), and {@link Asyncio#toThread} runs its function
 * in the caller's. Code outside any task (the thread that calls {@link Asyncio#run}, a worker
 * thread) has a context per thread.
 *
 * <p>Being immutable, a snapshot is its own copy ({@code copy_context()} is {@link #current()}).
 *
 * <p>Invariant: {@code values} is never modified after construction. Threading: thread-safe
 * (immutable); {@link #current()} is the calling thread's or running task's.
 */
public final class Context {
  static final Context EMPTY = new Context(Map.of());

  private static final ThreadLocal<Context> THREAD = ThreadLocal.withInitial(() -> EMPTY);

  private final Map<ContextVar<?>, Object> values;

  private Context(Map<ContextVar<?>, Object> values) {
    this.values = values;
  }

  /**
   * The current context: the running task's, else the calling thread's.
   *
   * @return the running task's context, else the calling thread's
   */
  public static Context current() {
    EventLoop loop = EventLoop.runningLoop();
    Task<?> t = loop == null ? null : loop.currentTask;
    return t != null ? t.context() : THREAD.get();
  }

  /**
   * Replaces the current context (the running task's, else the calling thread's). In a task step,
   * the loop's {@link ContextHook}s install the new one at once (what the step's start saved is
   * still what its end restores).
   */
  static void setCurrent(Context c) {
    EventLoop loop = EventLoop.runningLoop();
    Task<?> t = loop == null ? null : loop.currentTask;
    if (t != null) {
      t.setContext(c);
      ContextHook[] hooks = loop.contextHooks;
      if (hooks != null) {
        for (ContextHook h : hooks) {
          h.install(c);
        }
      }
    } else {
      THREAD.set(c);
    }
  }

  /**
   * Whether {@code var} has a value here.
   *
   * @param var the variable
   * @return whether it has a value in this context
   */
  public boolean contains(ContextVar<?> var) {
    return values.containsKey(var);
  }

  /**
   * The value of {@code var} here, else its default, else {@code null}.
   *
   * @param <T> the value type
   * @param var the variable
   * @return its value in this context, else its default, else {@code null}
   */
  @SuppressWarnings("unchecked")
  public <T> T get(ContextVar<T> var) {
    return values.containsKey(var) ? (T) values.get(var) : var.defaultValue();
  }

  /** This context with {@code var} set to {@code value}. */
  Context with(ContextVar<?> var, Object value) {
    Map<ContextVar<?>, Object> m = new HashMap<>(values);
    m.put(var, value);
    return new Context(m);
  }

  /** This context without a value for {@code var}. */
  Context without(ContextVar<?> var) {
    if (!values.containsKey(var)) {
      return this;
    }
    Map<ContextVar<?>, Object> m = new HashMap<>(values);
    m.remove(var);
    return m.isEmpty() ? EMPTY : new Context(m);
  }

  /**
   * Runs {@code fn} on the calling thread (outside any task) in this context, with {@code hooks}
   * (a loop's {@link ContextHook}s, or null) installed, then restores the thread's context; {@link Asyncio#toThread}'s
   * worker side.
   */
  <T> T callIn(ContextHook[] hooks, Callable<T> fn) throws Exception {
    Context previous = THREAD.get();
    THREAD.set(this);
    Object[] saved = installHooks(hooks, this);
    try {
      return fn.call();
    } finally {
      restoreHooks(hooks, saved);
      THREAD.set(previous);
    }
  }

  /** Installs every hook, in order; the states to restore, or {@code null} without hooks. */
  static Object[] installHooks(ContextHook[] hooks, Context context) {
    if (hooks == null) {
      return null;
    }
    Object[] saved = new Object[hooks.length];
    for (int i = 0; i < hooks.length; i++) {
      saved[i] = hooks[i].install(context);
    }
    return saved;
  }

  /** Restores what {@link #installHooks} saved, in reverse order. */
  static void restoreHooks(ContextHook[] hooks, Object[] saved) {
    if (hooks == null || saved == null) {
      return;
    }
    for (int i = hooks.length - 1; i >= 0; i--) {
      hooks[i].restore(saved[i]);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Context{");
    values.forEach(
        (k, v) -> sb.append(sb.length() > 8 ? ", " : "").append(k.name()).append('=').append(v));
    return sb.append('}').toString();
  }
}
