package io.asyncio4j;

/**
 * Thrown by {@link Queue} operations after {@link Queue#shutdown()} (asyncio's {@code
 * QueueShutDown}): every put, and a get once the queue is empty.
 */
public class QueueShutDownException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public QueueShutDownException() {
    super();
  }
}
