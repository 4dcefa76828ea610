package io.asyncio4j;

import io.asyncio4j.spi.AsyncStateMachine;
import java.util.function.Function;

/**
 * A hand-written coroutine for runtime tests (which run without the annotation processor): a
 * sequence of steps run in one task, each receiving the previous step's value. A step that returns
 * an {@link Awaitable} has it awaited (its value goes to the next step); any other return value is
 * passed on as is. The last step's value is the coroutine's result.
 *
 * <p>An exception (thrown by a step or by an await) skips the remaining steps and goes to the
 * {@link #onError} handler if there is one (its return value, or awaited awaitable, becomes the
 * result), else out of the coroutine. {@link #onFinally} runs last either way.
 */
final class Script<T> extends AsyncStateMachine<T> {
  /** One step of a script. */
  interface Step {
    Object run(Object previous) throws Throwable;
  }

  /** An error handler: returns a value or an awaitable, or rethrows. */
  interface Handler {
    Object handle(Throwable error) throws Throwable;
  }

  private final Step[] steps;
  private Handler onError;
  private Runnable onFinally;
  private int next;
  private boolean handling;
  private boolean started;

  private Script(Step[] steps) {
    this.steps = steps;
  }

  static <T> Script<T> of(Step... steps) {
    return new Script<>(steps);
  }

  Script<T> onError(Handler handler) {
    this.onError = handler;
    return this;
  }

  Script<T> onFinally(Runnable r) {
    this.onFinally = r;
    return this;
  }

  /** Shorthand for a step that maps the previous value without awaiting. */
  static Step map(Function<Object, Object> f) {
    return f::apply;
  }

  @Override
  protected Object step() throws Throwable {
    Object value = null;
    Throwable failure = null;
    if (started) {
      try {
        value = resumeValue();
      } catch (Throwable t) {
        failure = t;
      }
    }
    started = true;
    while (true) {
      Object out;
      try {
        if (failure != null) {
          if (onError == null || handling) {
            throw failure;
          }
          handling = true;
          next = steps.length;
          Throwable f = failure;
          failure = null;
          out = onError.handle(f);
        } else if (next < steps.length) {
          out = steps[next++].run(value);
        } else {
          return finish(value);
        }
      } catch (Throwable t) {
        if (onError != null && !handling) {
          failure = t;
          continue;
        }
        runFinally();
        throw t;
      }
      if (out instanceof Awaitable) {
        try {
          value = await((Awaitable<?>) out);
        } catch (Throwable t) {
          failure = t;
          value = null;
          continue;
        }
        if (value == SUSPENDED) {
          return SUSPENDED;
        }
      } else {
        value = out;
      }
    }
  }

  private Object finish(Object value) {
    runFinally();
    return value;
  }

  private void runFinally() {
    if (onFinally != null) {
      Runnable r = onFinally;
      onFinally = null;
      r.run();
    }
  }
}
