package io.asyncio4j;

/**
 * A {@link Semaphore} that refuses to be released above its initial value, like {@code
 * asyncio.BoundedSemaphore}; acquisition, fairness and cancellation are the semaphore's.
 *
 * <p>Threading: loop-confined; bound to the first loop that awaits it.
 */
public final class BoundedSemaphore extends Semaphore {
  private final int bound;

  /**
   * Creates a bounded semaphore with {@code value} permits, which is also its bound.
   *
   * @param value the initial and highest count (at least 0)
   * @throws IllegalArgumentException if {@code value < 0}
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.bound = value;
  }

  /** Creates a bounded semaphore with one permit. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * Returns a permit.
   *
   * @throws IllegalStateException if that would exceed the initial value
   */
  @Override
  public void release() {
    if (value() >= bound) {
      throw new IllegalStateException("BoundedSemaphore released too many times");
    }
    super.release();
  }
}
