package io.asyncio4j.streams;

import java.io.IOException;

/**
 * A read looked for a separator past the reader's limit; asyncio's {@code LimitOverrunError}.
 * {@link #consumed()} is the number of bytes to consume to skip the offending data: for {@link
 * StreamReader#readUntil(byte[])} the data stays in the buffer; {@link StreamReader#readLine()}
 * drops it (the line, up to its separator if one was found, else the whole buffer).
 */
public class LimitOverrunException extends IOException {
  private static final long serialVersionUID = 1L;

  /** How many bytes the buffer held. */
  private final int consumed;

  /**
   * An overrun.
   *
   * @param message what was read
   * @param consumed how many bytes the buffer held
   */
  public LimitOverrunException(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /**
   * How many bytes must be consumed to get past the data that overran the limit.
   *
   * @return how many bytes the buffer held
   */
  public int consumed() {
    return consumed;
  }
}
