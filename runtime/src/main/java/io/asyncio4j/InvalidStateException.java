package io.asyncio4j;

/**
 * Thrown when a {@link Future} is asked for something its state does not allow: the result of a
 * pending future ({@code "Result is not set."}), its exception ({@code "Exception is not set."}),
 * or a second completion ({@code "invalid state"}); asyncio's {@code InvalidStateError}.
 */
public class InvalidStateException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message.
   *
   * @param message what was in the wrong state
   */
  public InvalidStateException(String message) {
    super(message);
  }
}
