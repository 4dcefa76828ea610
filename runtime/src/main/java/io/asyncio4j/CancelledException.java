package io.asyncio4j;

import java.util.concurrent.CancellationException;

/**
 * Thrown at an {@code await} (and by {@link Future#result()} and {@link Future#exception()}) when
 * the awaited future or the current task was cancelled; asyncio's {@code CancelledError}.
 *
 * <p>The message is the one given to {@link Future#cancel(String)}, or {@code null}. A coroutine
 * may catch it and carry on; its task then finishes normally (it is not cancelled). To keep the
 * task cancelled, let it propagate (rethrow it).
 */
public class CancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** A cancellation without a message. */
  public CancelledException() {
    super();
  }

  /**
   * A cancellation with {@code message} (may be {@code null}).
   *
   * @param message the cancel message, or {@code null}
   */
  public CancelledException(String message) {
    super(message);
  }
}
