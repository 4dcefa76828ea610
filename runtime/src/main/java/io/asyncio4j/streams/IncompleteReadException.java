package io.asyncio4j.streams;

import java.io.EOFException;

/**
 * The stream ended before a read could complete; asyncio's {@code IncompleteReadError}. Thrown by
 * {@link StreamReader#readExactly(int)} and {@link StreamReader#readUntil(byte[])}; {@link
 * #partial()} holds the bytes read before the end of the stream, which are consumed.
 */
public class IncompleteReadException extends EOFException {
  private static final long serialVersionUID = 1L;

  /** The bytes read before the end of the stream. */
  private final byte[] partial;
  /** How many bytes were asked for. */
  private final int expected;

  /**
   * The exception for a read that reached the end of the stream first.
   *
   * @param partial the bytes read before the end of the stream
   * @param expected the number of bytes the read wanted, or -1 when it wanted a separator
   */
  public IncompleteReadException(byte[] partial, int expected) {
    super(
        partial.length
            + " bytes read on a total of "
            + (expected < 0 ? "undefined" : Integer.toString(expected))
            + " expected bytes");
    this.partial = partial.clone();
    this.expected = expected;
  }

  /**
   * The bytes read before the end of the stream (a copy).
   *
   * @return the bytes read before the end of the stream
   */
  public byte[] partial() {
    return partial.clone();
  }

  /**
   * The number of bytes the read wanted, or -1 when it read up to a separator.
   *
   * @return how many bytes were asked for
   */
  public int expected() {
    return expected;
  }
}
