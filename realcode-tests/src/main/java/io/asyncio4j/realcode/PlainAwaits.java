package io.asyncio4j.realcode;

/**
 * The plain stand-ins for {@link Awaits} and {@code Asyncio.await}: the same generic shapes, so a
 * mutant compiled with them types exactly like the {@code @Async} twin, but each "await" just
 * returns the value. The real-code test runs this plain mutant too, to tell a processor bug (the
 * twin differs from the plain mutant) from a change the injection itself made (the plain mutant
 * differs from the original).
 */
public final class PlainAwaits {
  private PlainAwaits() {}

  /** A value in a box, standing for a future that already holds it. */
  public static final class Box<T> {
    private final T value;

    Box(T value) {
      this.value = value;
    }
  }

  /** Stands for {@code Asyncio.await}: the boxed value. */
  public static <T> T await(Box<T> box) {
    return box.value;
  }

  /** Stands for {@link Awaits#ready}. */
  public static <T> Box<T> ready(T value) {
    return new Box<>(value);
  }

  /** Stands for {@link Awaits#suspending}. */
  public static <T> Box<T> suspending(T value) {
    return new Box<>(value);
  }
}
