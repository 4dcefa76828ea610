package io.asyncio4j;

/** Thrown by {@link Queue#getNowait()} when the queue is empty (asyncio's {@code QueueEmpty}). */
public class QueueEmptyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public QueueEmptyException() {
    super();
  }
}
