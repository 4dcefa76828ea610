package io.asyncio4j;

import java.util.Set;

/**
 * What {@link Asyncio#wait(java.util.Collection, ReturnWhen, java.time.Duration)} returns:
 * asyncio's {@code (done, pending)} pair. Both sets keep the order of the input.
 *
 * @param done the futures that were done when the wait returned
 * @param pending the futures that were not
 * @param <T> the futures' result type
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {}
