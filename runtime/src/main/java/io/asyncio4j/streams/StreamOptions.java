package io.asyncio4j.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of a connection (immutable): the defaults are asyncio's, and each {@code
 * with*} method returns a copy with one setting changed.
 *
 * <pre>{@code
 * StreamOptions opts =
 *     StreamOptions.defaults().withLimit(8 * 1024).withIdleTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * <ul>
 *   <li>{@code limit} (64 KiB): the most a {@link StreamReader} buffers, hence the longest line
 *       {@link StreamReader#readLine()} accepts; reading from the socket pauses while the buffer is
 *       full.
 *   <li>{@code writeHighWater} / {@code writeLowWater} (64 KiB / 16 KiB): {@link
 *       StreamWriter#drain()} waits once the write buffer exceeds the high mark, until it falls to
 *       the low mark.
 *   <li>{@code idleTimeout} (none): a connection that neither receives nor sends a byte for this
 *       long is aborted; pending reads and drains throw {@link io.asyncio4j.AsyncTimeoutException}.
 *   <li>{@code connectTimeout} (none): {@link Streams#openConnection} throws {@link
 *       io.asyncio4j.AsyncTimeoutException} and closes the socket when connecting takes longer.
 *   <li>{@code receiveBufferSize} / {@code sendBufferSize} (0: the OS default): {@code SO_RCVBUF}
 *       and {@code SO_SNDBUF} of the sockets (for a server, the listening socket passes SO_RCVBUF
 *       on to accepted ones).
 *   <li>{@code backlog} (1024): the listen backlog of a server, see {@link #withBacklog}.
 *   <li>{@code handshakeTimeout} (60 s) and {@code hostnameVerification} (on): for TLS connections,
 *       see {@link #withHandshakeTimeout} and {@link #withHostnameVerification}.
 * </ul>
 */
public final class StreamOptions {
  /** The default listen backlog: room for a burst of connects (the kernel caps it at somaxconn). */
  static final int DEFAULT_BACKLOG = 1024;

  private static final StreamOptions DEFAULTS =
      new StreamOptions(
          64 * 1024,
          64 * 1024,
          16 * 1024,
          null,
          null,
          0,
          0,
          DEFAULT_BACKLOG,
          Duration.ofSeconds(60),
          true);

  private final int limit;
  private final int writeHighWater;
  private final int writeLowWater;
  private final Duration idleTimeout;
  private final Duration connectTimeout;
  private final int receiveBufferSize;
  private final int sendBufferSize;
  private final int backlog;
  private final Duration handshakeTimeout;
  private final boolean hostnameVerification;

  private StreamOptions(
      int limit,
      int writeHighWater,
      int writeLowWater,
      Duration idleTimeout,
      Duration connectTimeout,
      int receiveBufferSize,
      int sendBufferSize,
      int backlog,
      Duration handshakeTimeout,
      boolean hostnameVerification) {
    this.limit = limit;
    this.writeHighWater = writeHighWater;
    this.writeLowWater = writeLowWater;
    this.idleTimeout = idleTimeout;
    this.connectTimeout = connectTimeout;
    this.receiveBufferSize = receiveBufferSize;
    this.sendBufferSize = sendBufferSize;
    this.backlog = backlog;
    this.handshakeTimeout = handshakeTimeout;
    this.hostnameVerification = hostnameVerification;
  }

  /**
   * asyncio's defaults: limit 64 KiB, write marks 64/16 KiB, no timeouts, OS buffer sizes; backlog
   * 1024 (asyncio's 100 overflows under a burst of connects).
   *
   * @return the default options
   */
  public static StreamOptions defaults() {
    return DEFAULTS;
  }

  /**
   * These options with another reader buffer limit.
   *
   * @param limit the limit in bytes
   * @return new options
   */
  public StreamOptions withLimit(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
    }
    return new StreamOptions(
        limit,
        writeHighWater,
        writeLowWater,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }

  /**
   * Sets both write-buffer marks; {@code 0 <= low <= high}.
   *
   * @param high the buffer size at which drain() starts to wait
   * @param low the buffer size at which drain() stops waiting
   * @return new options
   */
  public StreamOptions withWriteBufferLimits(int high, int low) {
    checkWaterMarks(high, low);
    return new StreamOptions(
        limit,
        high,
        low,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }

  /**
   * {@code null} or a positive duration.
   *
   * @param idleTimeout the longest time without reading or writing, or {@code null} for none
   * @return new options
   */
  public StreamOptions withIdleTimeout(Duration idleTimeout) {
    checkTimeout("idleTimeout", idleTimeout);
    return new StreamOptions(
        limit,
        writeHighWater,
        writeLowWater,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }

  /**
   * {@code null} or a positive duration.
   *
   * @param connectTimeout the longest time to connect, or {@code null} for none
   * @return new options
   */
  public StreamOptions withConnectTimeout(Duration connectTimeout) {
    checkTimeout("connectTimeout", connectTimeout);
    return new StreamOptions(
        limit,
        writeHighWater,
        writeLowWater,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }

  /**
   * {@code SO_RCVBUF} and {@code SO_SNDBUF}; 0 keeps the OS default.
   *
   * @param receiveBufferSize the socket's SO_RCVBUF, 0 for the system's default
   * @param sendBufferSize the socket's SO_SNDBUF, 0 for the system's default
   * @return new options
   */
  public StreamOptions withSocketBufferSizes(int receiveBufferSize, int sendBufferSize) {
    if (receiveBufferSize < 0) {
      throw new IllegalArgumentException(
          "receiveBufferSize: " + receiveBufferSize + " (expected: >= 0)");
    }
    if (sendBufferSize < 0) {
      throw new IllegalArgumentException("sendBufferSize: " + sendBufferSize + " (expected: >= 0)");
    }
    return new StreamOptions(
        limit,
        writeHighWater,
        writeLowWater,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }

  /**
   * The listen backlog of a server: how many connections the kernel queues until the server accepts
   * them ({@code listen(2)}; Linux caps it at {@code net.core.somaxconn}); {@code > 0}.
   *
   * @param backlog the listen backlog
   * @return new options
   */
  public StreamOptions withBacklog(int backlog) {
    if (backlog <= 0) {
      throw new IllegalArgumentException("backlog: " + backlog + " (expected: > 0)");
    }
    return new StreamOptions(
        limit,
        writeHighWater,
        writeLowWater,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }

  /**
   * The listen backlog of a server (1024 by default).
   *
   * @return the backlog
   */
  public int backlog() {
    return backlog;
  }

  /**
   * How long a TLS handshake may take (asyncio's {@code ssl_handshake_timeout}, 60 s): a peer that
   * stops mid-handshake then gets its socket closed, and {@code openConnection} throws {@link
   * io.asyncio4j.AsyncTimeoutException}; positive.
   *
   * @param handshakeTimeout the longest a TLS handshake may take
   * @return new options
   */
  public StreamOptions withHandshakeTimeout(Duration handshakeTimeout) {
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    checkTimeout("handshakeTimeout", handshakeTimeout);
    return new StreamOptions(
        limit,
        writeHighWater,
        writeLowWater,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }

  /**
   * How long a TLS handshake may take (60 s by default).
   *
   * @return the handshake timeout
   */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /**
   * Whether a TLS client checks that the server's certificate names the host it connected to (on by
   * default, as asyncio's default context does); turning it off still checks the certificate chain
   * against the {@code SSLContext}'s trust store.
   *
   * @param hostnameVerification whether a TLS client checks the server's name
   * @return new options
   */
  public StreamOptions withHostnameVerification(boolean hostnameVerification) {
    return new StreamOptions(
        limit,
        writeHighWater,
        writeLowWater,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }

  /**
   * Whether a TLS client checks the server's name (on by default).
   *
   * @return whether hostname verification is on
   */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  /**
   * The reader's buffer limit.
   *
   * @return the limit in bytes
   */
  public int limit() {
    return limit;
  }

  /**
   * The buffer size at which {@code drain()} starts to wait.
   *
   * @return the size in bytes
   */
  public int writeHighWater() {
    return writeHighWater;
  }

  /**
   * The buffer size at which {@code drain()} stops waiting.
   *
   * @return the size in bytes
   */
  public int writeLowWater() {
    return writeLowWater;
  }

  /**
   * The idle timeout, or {@code null} for none.
   *
   * @return the idle timeout, or {@code null}
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * The connect timeout, or {@code null} for none.
   *
   * @return the connect timeout, or {@code null}
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The socket's SO_RCVBUF.
   *
   * @return the size, 0 for the system's default
   */
  public int receiveBufferSize() {
    return receiveBufferSize;
  }

  /**
   * The socket's SO_SNDBUF.
   *
   * @return the size, 0 for the system's default
   */
  public int sendBufferSize() {
    return sendBufferSize;
  }

  static void checkWaterMarks(int high, int low) {
    if (low < 0) {
      throw new IllegalArgumentException("low: " + low + " (expected: >= 0)");
    }
    if (high < low) {
      throw new IllegalArgumentException("high: " + high + " (expected: >= low = " + low + ")");
    }
  }

  private static void checkTimeout(String name, Duration d) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > PT0S or null)");
    }
  }

  @Override
  public String toString() {
    return "StreamOptions[limit="
        + limit
        + " writeHighWater="
        + writeHighWater
        + " writeLowWater="
        + writeLowWater
        + " idleTimeout="
        + idleTimeout
        + " connectTimeout="
        + connectTimeout
        + " receiveBufferSize="
        + receiveBufferSize
        + " sendBufferSize="
        + sendBufferSize
        + " backlog="
        + backlog
        + " handshakeTimeout="
        + handshakeTimeout
        + " hostnameVerification="
        + hostnameVerification
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StreamOptions)) {
      return false;
    }
    StreamOptions x = (StreamOptions) o;
    return limit == x.limit
        && writeHighWater == x.writeHighWater
        && writeLowWater == x.writeLowWater
        && Objects.equals(idleTimeout, x.idleTimeout)
        && Objects.equals(connectTimeout, x.connectTimeout)
        && receiveBufferSize == x.receiveBufferSize
        && sendBufferSize == x.sendBufferSize
        && backlog == x.backlog
        && handshakeTimeout.equals(x.handshakeTimeout)
        && hostnameVerification == x.hostnameVerification;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        limit,
        writeHighWater,
        writeLowWater,
        idleTimeout,
        connectTimeout,
        receiveBufferSize,
        sendBufferSize,
        backlog,
        handshakeTimeout,
        hostnameVerification);
  }
}
