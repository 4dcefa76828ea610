package io.asyncio4j.spi;

import io.asyncio4j.Awaitable;
import io.asyncio4j.Coroutine;
import java.util.concurrent.CompletionStage;

/**
 * Base class of every coroutine state machine (generated or hand-written). See the {@linkplain
 * io.asyncio4j.spi package documentation} for the protocol.
 *
 * <p>Not for users: public only so that generated code in user packages can extend it.
 *
 * <p>Threading: loop-confined.
 *
 * @param <T> the coroutine's result type
 */
public abstract class AsyncStateMachine<T> implements Coroutine<T> {
  /** Returned by {@link #step()} and {@link #await(Awaitable)} when the coroutine suspends. */
  protected static final Object SUSPENDED = new Object() {
    @Override
    public String toString() {
      return "SUSPENDED";
    }
  };

  protected AsyncStateMachine() {}

  /**
   * Runs the body from the current state until it returns, throws or suspends.
   *
   * @return the body's result (boxed; {@code null} for {@code void}), or {@link #SUSPENDED}
   * @throws Throwable whatever the body throws
   */
  protected abstract Object step() throws Throwable;

  /**
   * Awaits {@code awaitable} from this state machine.
   *
   * <p>If it is a done future, returns its result or throws its exception at once (the fast path:
   * no suspension, no trip through the loop). If it is a coroutine, runs it inline and returns its
   * result or throws its exception if it finishes without suspending. Otherwise arranges for this
   * state machine to be resumed when the awaitable completes and returns {@link #SUSPENDED}; the
   * caller must then store nothing more and return {@link #SUSPENDED} from {@link #step()}.
   */
  protected final Object await(Awaitable<?> awaitable) throws Throwable {
    throw new UnsupportedOperationException("runtime core not built yet");
  }

  /** Awaits a {@link CompletionStage}; {@link java.util.concurrent.CompletionException} is unwrapped. */
  protected final Object await(CompletionStage<?> stage) throws Throwable {
    throw new UnsupportedOperationException("runtime core not built yet");
  }

  /**
   * At a resume point: the value the suspended await produced, or throws the exception it
   * completed with (including {@link io.asyncio4j.CancelledException} when the task was
   * cancelled).
   */
  protected final Object resumeValue() throws Throwable {
    throw new UnsupportedOperationException("runtime core not built yet");
  }

  /**
   * Where this coroutine is suspended, for {@code Task.getStack()} and async stack traces: the
   * user's source position of the current await, or {@code null} when unknown. Generated code
   * overrides it from its {@code label}.
   */
  protected StackTraceElement suspensionPoint() {
    return null;
  }

  /** A cast that lets generated code convert an await's value without unchecked warnings. */
  @SuppressWarnings("unchecked")
  protected static <V> V cast(Object value) {
    return (V) value;
  }
}
