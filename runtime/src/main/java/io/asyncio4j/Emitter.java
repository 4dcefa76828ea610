package io.asyncio4j;

/**
 * Where a generator's body sends its values: the generator's {@code yield}, written {@code
 * await(out.emit(value))} (Kotlin's {@code FlowCollector.emit}). See {@link
 * Asyncio#generator(java.util.function.Function)}.
 *
 * @param <T> the type of the values
 */
public interface Emitter<T> {
  /**
   * Hands {@code value} to the consumer; the returned awaitable completes when the consumer asks
   * for the next value, so the body does not run ahead of it. Await it before emitting again.
   *
   * @param value the value
   * @return what to await before emitting again
   * @throws IllegalStateException if the previous emit was not awaited yet, or the generator is
   *     closed
   */
  Awaitable<Void> emit(T value);
}
