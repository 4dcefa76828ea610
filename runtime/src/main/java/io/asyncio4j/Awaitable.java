package io.asyncio4j;

/**
 * Something an {@code @Async} body can {@code await}: a {@link Future} (including a {@link Task})
 * or a {@link Coroutine}.
 *
 * <p>The runtime only knows how to await those two families; other implementations are rejected
 * at the await with an {@link IllegalArgumentException}. To adapt a callback-style API, complete a
 * {@link Future} from {@link EventLoop#createFuture()}; to adapt a {@link
 * java.util.concurrent.CompletionStage}, await it directly.
 *
 * @param <T> the type of the value the await produces
 */
public interface Awaitable<T> {}
