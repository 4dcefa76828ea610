package io.asyncio4j;

/**
 * An unstarted or running coroutine: the value of calling an {@code @Async} method's generated
 * entry point, like the object an {@code async def} call returns in Python.
 *
 * <p>Creating a coroutine runs nothing. It runs when it is awaited (inline, inside the awaiting
 * task, without a task of its own) or when it is wrapped in a {@link Task} by {@link
 * Asyncio#createTask(Coroutine)}. A coroutine can be awaited or wrapped once; a second attempt
 * throws {@link IllegalStateException}.
 *
 * <p>The only implementations are the state machines the processor generates, which extend
 * {@link io.asyncio4j.spi.AsyncStateMachine}. Hand-written coroutines (tests, library code that
 * cannot use the processor) extend that class too.
 *
 * <p>Threading: loop-confined; a coroutine runs only on the thread of the loop that drives it.
 *
 * @param <T> the result type ({@link Void} for a {@code void} method)
 */
public interface Coroutine<T> extends Awaitable<T> {}
