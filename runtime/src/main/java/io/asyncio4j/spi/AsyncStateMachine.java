package io.asyncio4j.spi;

import io.asyncio4j.Coroutine;

/**
 * Base class of every coroutine state machine (generated or hand-written). See the {@linkplain
 * io.asyncio4j.spi package documentation} for the protocol.
 *
 * <p>Not for users: public only so that generated code in user packages can extend it.
 *
 * <p>The protocol members ({@code step()}, {@code SUSPENDED}, {@code await(Awaitable)}, {@code
 * await(CompletionStage)}, {@code resumeValue()}, {@code suspensionPoint()}) are inherited from
 * {@link Coroutine}, which holds them so that the runtime can drive a coroutine without a public
 * hook; generated code uses them exactly as if they were declared here. States and invariants are
 * those of {@link Coroutine}.
 *
 * <p>Threading: loop-confined.
 *
 * @param <T> the coroutine's result type
 */
public abstract class AsyncStateMachine<T> extends Coroutine<T> {
  protected AsyncStateMachine() {}

  /** A cast that lets generated code convert an await's value without unchecked warnings. */
  @SuppressWarnings("unchecked")
  protected static <V> V cast(Object value) {
    return (V) value;
  }
}
