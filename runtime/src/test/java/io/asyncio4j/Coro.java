package io.asyncio4j;

import io.asyncio4j.spi.AsyncStateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A hand-written coroutine for tests, built from stages the way a generated state machine is
 * built from the code between awaits.
 *
 * <pre>{@code
 * Coro<String> c = Coro.<String>start(v -> awaiting(fut))   // await fut
 *     .then(v -> "got " + v)                                  // v = fut's result
 *     .handle((v, e) -> e instanceof CancelledException ? "caught" : rethrow(e, v));
 * }</pre>
 *
 * <p>A {@link Step} receives the value of the previous stage (the await's result if it returned
 * {@link #awaiting}); while an exception is pending, steps are skipped until a {@link Handler},
 * which sees it (like {@code catch}) and whose normal return clears it.
 */
final class Coro<T> extends AsyncStateMachine<T> {
  /** Code between two awaits: gets the previous value; returns a value or {@link #awaiting}. */
  interface Step {
    Object run(Object value) throws Throwable;
  }

  /** A catch/finally stage: gets the value or the pending exception (one of them is null). */
  interface Handler {
    Object run(Object value, Throwable error) throws Throwable;
  }

  /** "Await this next", returned by a stage. */
  static final class Await {
    final Awaitable<?> awaitable;
    final CompletionStage<?> stage;
    final StackTraceElement at;

    Await(Awaitable<?> awaitable, CompletionStage<?> stage, StackTraceElement at) {
      this.awaitable = awaitable;
      this.stage = stage;
      this.at = at;
    }
  }

  static Await awaiting(Awaitable<?> awaitable) {
    return new Await(awaitable, null, null);
  }

  static Await awaiting(CompletionStage<?> stage) {
    return new Await(null, stage, null);
  }

  /** Awaits and reports {@code Test.java:line} (method {@code method}) as its suspension point. */
  static Await awaitingAt(Awaitable<?> awaitable, String method, int line) {
    return new Await(awaitable, null, new StackTraceElement("Test", method, "Test.java", line));
  }

  /** For handlers: rethrows {@code error} if there is one, else returns {@code value}. */
  static Object rethrow(Throwable error, Object value) throws Throwable {
    if (error != null) {
      throw error;
    }
    return value;
  }

  static <T> Coro<T> start(Step first) {
    return new Coro<T>().then(first);
  }

  static <T> Coro<T> returning(T value) {
    return Coro.start(v -> value);
  }

  static <T> Coro<T> throwing(Throwable error) {
    return Coro.start(
        v -> {
          throw error;
        });
  }

  private final List<Object> stages = new ArrayList<>();
  private int label;
  private boolean suspended;
  private StackTraceElement at;
  private String name = "Coro";

  Coro<T> then(Step step) {
    stages.add(step);
    return this;
  }

  Coro<T> handle(Handler handler) {
    stages.add(handler);
    return this;
  }

  Coro<T> named(String name) {
    this.name = name;
    return this;
  }

  @Override
  protected Object step() throws Throwable {
    Object value = null;
    Throwable error = null;
    if (suspended) {
      suspended = false;
      at = null;
      try {
        value = resumeValue();
      } catch (Throwable e) {
        error = e;
      }
    }
    while (label < stages.size()) {
      Object stage = stages.get(label++);
      Object out;
      try {
        if (stage instanceof Handler) {
          out = ((Handler) stage).run(value, error);
        } else if (error != null) {
          continue;
        } else {
          out = ((Step) stage).run(value);
        }
      } catch (Throwable e) {
        error = e;
        value = null;
        continue;
      }
      error = null;
      if (out instanceof Await) {
        Await a = (Await) out;
        Object r;
        try {
          r = a.stage != null ? await(a.stage) : await(a.awaitable);
        } catch (Throwable e) {
          error = e;
          value = null;
          continue;
        }
        if (r == SUSPENDED) {
          suspended = true;
          at = a.at;
          return SUSPENDED;
        }
        value = r;
      } else {
        value = out;
      }
    }
    if (error != null) {
      throw error;
    }
    return value;
  }

  @Override
  protected StackTraceElement suspensionPoint() {
    return at;
  }

  @Override
  public String toString() {
    return name;
  }
}
