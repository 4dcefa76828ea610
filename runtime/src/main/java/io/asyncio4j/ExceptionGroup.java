package io.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Several exceptions raised together, like Python's {@code ExceptionGroup}: what a {@link
 * TaskGroup} throws when its body or children fail.
 *
 * <p>{@link #exceptions()} lists them in the order they happened; each is also attached as a
 * {@linkplain Throwable#getSuppressed() suppressed exception}, so stack traces print all of them. A
 * nested group's exception appears as one element (groups are not flattened).
 */
public class ExceptionGroup extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The exceptions, in the order they happened. */
  private final List<Throwable> exceptions;

  /**
   * Creates a group.
   *
   * @param message what the exceptions have in common
   * @param exceptions at least one exception
   * @throws IllegalArgumentException if {@code exceptions} is empty
   */
  public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
    super(
        message
            + " ("
            + exceptions.size()
            + " sub-exception"
            + (exceptions.size() == 1 ? "" : "s")
            + ")");
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("exceptions: [] (expected: at least one)");
    }
    this.exceptions = Collections.unmodifiableList(new ArrayList<>(exceptions));
    for (Throwable t : this.exceptions) {
      addSuppressed(t);
    }
  }

  /**
   * The exceptions, in the order they happened.
   *
   * @return the exceptions, in the order they happened
   */
  public List<Throwable> exceptions() {
    return exceptions;
  }
}
