package io.asyncio4j;

/**
 * Thrown when an operation with a deadline ({@code Asyncio.waitFor}, {@code Asyncio.timeout})
 * runs out of time; asyncio's {@code TimeoutError}. The {@link CancelledException} used to stop
 * the timed-out work is its cause when there was one.
 */
public class AsyncTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A timeout without a message. */
  public AsyncTimeoutException() {
    super();
  }

  /**
   * A timeout with a message.
   *
   * @param message what timed out
   */
  public AsyncTimeoutException(String message) {
    super(message);
  }

  /**
   * A timeout with a message and a cause.
   *
   * @param message what timed out
   * @param cause what caused it
   */
  public AsyncTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
