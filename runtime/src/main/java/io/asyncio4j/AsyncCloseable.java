package io.asyncio4j;

/**
 * A resource whose exit is awaited: Python's asynchronous context manager ({@code async with}),
 * written in an {@code @Async} method as a try-with-resources.
 *
 * <pre>{@code
 * try (TaskGroup tg = new TaskGroup()) {           // async with asyncio.TaskGroup() as tg:
 *   for (String u : urls) tg.createTask(FetcherAsync.fetch(this, u));
 * }                                                  // awaits every child
 * try (Timeout t = timeout(Duration.ofSeconds(2))) { ... }
 * try (Lock.Held h = await(lock.hold())) { ... }
 * }</pre>
 *
 * <p>In an {@code @Async} body the processor compiles such a try as JLS 14.20.3 spells it, with
 * two changes: right after a resource is initialized (and is not {@code null}) its {@link
 * #enter()} runs ({@code __aenter__}, for the types whose entry does not wait), and instead of
 * {@code close()} the block awaits {@link #closeAsync(Throwable)} ({@code __aexit__}) with the
 * block's exception, or {@code null}. Resources still close in reverse order, {@code null} ones are
 * skipped, and every resource closes before the try's own {@code catch} and {@code finally} run.
 *
 * <p><b>The exit decides the outcome.</b> When the awaited exit completes normally the block's
 * exception, if any, propagates unchanged (it cannot be swallowed). When the exit throws, its
 * exception replaces the block's, as an exception raised in {@code __aexit__} does: this is how a
 * {@link TaskGroup} turns failures into an {@link ExceptionGroup} and a {@link Timeout} turns its
 * cancellation into an {@link AsyncTimeoutException}. A replaced exception is not lost: unless the
 * new one already carries it (as its cause, among its suppressed exceptions, or in an {@link
 * ExceptionGroup}) it is added to the new one's suppressed exceptions, the Java spelling of
 * Python's implicit chaining ({@code __context__}). An exit that wants the plain JLS outcome (the
 * block's exception wins, the close failure is suppressed) catches its own failure and adds it to
 * {@code primary}.
 *
 * <p><b>Outside {@code @Async} code</b> there is nothing to await the exit with: the inherited
 * {@link #close()} throws {@link UnsupportedOperationException} (types with a synchronous close of
 * their own, such as {@link io.asyncio4j.streams.StreamWriter}, keep it), and the processor
 * reports a try-with-resources over an {@code AsyncCloseable} in code it can see that is not an
 * {@code @Async} body (a plain method, a lambda inside an {@code @Async} method).
 *
 * <p>Threading: as the implementing type; the toolkit's are loop-confined.
 */
public interface AsyncCloseable extends AutoCloseable {
  /**
   * Called once when a try-with-resources in an {@code @Async} body has initialized this resource,
   * before the block runs ({@code __aenter__} without the wait). The toolkit's {@link TaskGroup}
   * and {@link Timeout} bind to the current task here. If it throws, {@link #closeAsync(Throwable)}
   * is not called, as {@code __aexit__} is not called when {@code __aenter__} fails.
   *
   * @return this
   */
  default AsyncCloseable enter() {
    return this;
  }

  /**
   * The exit, awaited when the block ends ({@code __aexit__}).
   *
   * @param primary the exception the block (or a resource declared after this one) threw, or
   *     {@code null} if it completed normally or by a jump ({@code break}, {@code return} …)
   * @return what to await: completing normally lets {@code primary} propagate; failing replaces it
   */
  Awaitable<?> closeAsync(Throwable primary);

  /**
   * Unsupported: an asynchronous resource is closed by awaiting {@link #closeAsync(Throwable)},
   * which a try-with-resources does only in an {@code @Async} method. It declares no checked
   * exception, so that such a try compiles as plain Java without a catch.
   *
   * @throws UnsupportedOperationException always, naming the fix
   */
  @Override
  default void close() {
    throw new UnsupportedOperationException(
        getClass().getName()
            + " is an AsyncCloseable: a try-with-resources closes it only in an @Async method"
            + " (which awaits its closeAsync); outside one, await(resource.closeAsync(null))");
  }
}
