package io.asyncio4j;

/**
 * Thrown when an operation with a deadline ({@code Asyncio.waitFor}, {@code Asyncio.timeout})
 * runs out of time; asyncio's {@code TimeoutError}. The {@link CancelledException} used to stop
 * the timed-out work is its cause when there was one.
 */
public class AsyncTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AsyncTimeoutException() {
    super();
  }

  public AsyncTimeoutException(String message) {
    super(message);
  }

  public AsyncTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
