package io.asyncio4j.streams;

import java.util.Objects;

/**
 * The two ends of one connection, as {@link Streams#openConnection(String, int)} returns them;
 * asyncio's {@code (reader, writer)} tuple.
 *
 * @param reader the connection's reader
 * @param writer the connection's writer
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {
  /**
   * Checks that both ends are present.
   *
   * @param reader the connection's reader
   * @param writer the connection's writer
   */
  public StreamPair {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(writer, "writer");
  }
}
