package io.asyncio4j;

/**
 * Thrown by {@link Barrier#arriveAndWait()} when the barrier is broken by {@link Barrier#abort()}
 * or reset by {@link Barrier#reset()} while the task waits (asyncio's {@code BrokenBarrierError}).
 */
public class BrokenBarrierException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message why the barrier broke
   */
  public BrokenBarrierException(String message) {
    super(message);
  }
}
