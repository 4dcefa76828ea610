package io.asyncio4j.streams;

import io.asyncio4j.Coroutine;
import io.asyncio4j.Future;
import java.net.SocketAddress;
import java.util.Objects;
import javax.net.ssl.SSLSession;

/**
 * The writing end of a connection; asyncio's {@code StreamWriter} (with its transport's write
 * buffer controls).
 *
 * <p>{@link #write(byte[])} never blocks and never suspends: it sends what the socket accepts at
 * once and queues the rest. Call {@link #drain()} after writing to apply backpressure: once more
 * than the high-water mark is queued it waits until the queue falls to the low-water mark (see
 * {@link StreamOptions}), so the queue stays below {@code high} plus the last write.
 *
 * <p>States (of the connection, shared with its {@link StreamReader}):
 *
 * <pre>
 * | state   | write()              | drain()                      | waitClosed()          |
 * |---------|----------------------|------------------------------|-----------------------|
 * | open    | sends or queues      | waits while above high mark  | waits                 |
 * | closing | throws IllegalState  | waits while above high mark  | waits                 |
 * | closed  | throws after close() | throws the error, or         | returns, or throws    |
 * |         | else ignored (lost)  | IOException("Connection lost") | the error           |
 *
 *   open --close()--&gt; closing --queued bytes sent--&gt; closed
 *   open --I/O error, idle timeout, peer reset--&gt; closed (with an error)
 * </pre>
 *
 * <p>Cancelling a task waiting in {@link #drain()} or {@link #waitClosed()} changes nothing on the
 * connection.
 *
 * <p>Invariants: see {@link SocketTransport}.
 *
 * <p>Threading: loop-confined.
 */
public final class StreamWriter implements io.asyncio4j.AsyncCloseable {
  private final SocketTransport transport;

  StreamWriter(SocketTransport transport) {
    this.transport = transport;
  }

  /**
   * Sends {@code data}, queueing what the socket does not take at once (a copy: the array may be
   * reused after the call).
   *
   * @param data the bytes
   * @throws IllegalStateException after {@link #close()} or {@link #writeEof()}
   */
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    transport.write(data, 0, data.length);
  }

  /**
   * {@link #write(byte[])} of {@code data[off..off+len)}.
   *
   * @param data the bytes
   * @param off where they start in {@code data}
   * @param len how many to write
   */
  public void write(byte[] data, int off, int len) {
    Objects.checkFromIndexSize(off, len, data.length);
    transport.write(data, off, len);
  }

  /**
   * Waits until the write queue is below the low-water mark if it went above the high-water mark;
   * returns at once otherwise.
   *
   * <p>The await throws the connection's error (for example "Connection reset", or {@link
   * io.asyncio4j.AsyncTimeoutException} after an idle timeout), or {@code IOException("Connection
   * lost")} once the connection is closed.
   *
   * @return a coroutine that completes when the buffer is below the low-water mark
   */
  public Coroutine<Void> drain() {
    return new StreamOp<>() {
      @Override
      Object attempt() throws Throwable {
        Future<Void> w = transport.drainWaiter();
        return w == null ? null : waitOn(w);
      }
    };
  }

  /**
   * Shuts down the output side after the queued bytes are sent (a TCP half-close: the peer reads
   * EOF); reading goes on. Idempotent.
   */
  public void writeEof() {
    transport.writeEof();
  }

  /**
   * Always {@code true}: TCP sockets support half-close (over TLS: close_notify, then FIN).
   *
   * @return whether the transport can half-close (send EOF and keep reading)
   */
  public boolean canWriteEof() {
    return true;
  }

  /**
   * The end of a try-with-resources block over this writer in an {@code @Async} method: {@link
   * #close()}, then awaits {@link #waitClosed()} (whose failure replaces the block's exception, see
   * {@link io.asyncio4j.AsyncCloseable}).
   */
  @Override
  public Coroutine<Void> closeAsync(Throwable primary) {
    close();
    return waitClosed();
  }

  /**
   * Closes the connection once the queued bytes are sent; reading stops at once. Idempotent. Await
   * {@link #waitClosed()} to know when the socket is closed.
   */
  @Override
  public void close() {
    transport.close();
  }

  /** Closes the connection at once, dropping queued bytes. */
  public void abort() {
    transport.abort();
  }

  /**
   * Whether {@link #close()} was called or the connection is closed.
   *
   * @return whether {@code close()} was called
   */
  public boolean isClosing() {
    return transport.isClosing();
  }

  /**
   * Waits until the socket is closed; the await throws the error the connection failed with, if it
   * did.
   *
   * @return a coroutine that completes when the connection is closed
   */
  public Coroutine<Void> waitClosed() {
    return new StreamOp<>() {
      @Override
      Object attempt() throws Throwable {
        Future<Void> closed = transport.closedFuture();
        if (closed.done()) {
          return closed.result();
        }
        Future<Void> w = transport.loop.createFuture();
        // A fresh waiter per await: cancelling the awaiting task must not cancel closedFuture.
        closed.addDoneCallback(
            f -> {
              if (!w.done()) {
                w.setResult(null);
              }
            });
        return waitOn(w);
      }
    };
  }

  /**
   * The number of bytes queued, not yet taken by the socket (asyncio's write buffer size).
   *
   * @return how many bytes wait to be sent
   */
  public long bufferSize() {
    return transport.queued();
  }

  /**
   * Sets the high- and low-water marks of {@link #drain()}; {@code 0 <= low <= high}.
   *
   * @param high the buffer size at which drain() starts to wait
   * @param low the buffer size at which drain() stops waiting
   */
  public void setWriteBufferLimits(int high, int low) {
    transport.setWriteBufferLimits(high, low);
  }

  /**
   * The buffer size at which {@link #drain()} starts to wait.
   *
   * @return the size in bytes
   */
  public int writeHighWater() {
    return transport.highWater();
  }

  /**
   * The buffer size at which {@link #drain()} stops waiting.
   *
   * @return the size in bytes
   */
  public int writeLowWater() {
    return transport.lowWater();
  }

  /**
   * The peer's address, or {@code null} once closed.
   *
   * @return the peer's address
   */
  public SocketAddress remoteAddress() {
    return transport.remoteAddress();
  }

  /**
   * This end's address, or {@code null} once closed.
   *
   * @return this side's address
   */
  public SocketAddress localAddress() {
    return transport.localAddress();
  }

  /**
   * The TLS session (protocol, cipher suite, peer certificates, and on a server the client's server
   * name indication through {@link javax.net.ssl.ExtendedSSLSession}), or {@code null} for plain
   * TCP; asyncio's {@code get_extra_info('ssl_object')}.
   *
   * @return the TLS session, or {@code null}
   */
  public SSLSession sslSession() {
    return transport.tls == null ? null : transport.tls.session();
  }

  /**
   * The reader of the same connection.
   *
   * @return the reader of the same connection
   */
  public StreamReader reader() {
    return transport.reader;
  }

  @Override
  public String toString() {
    return "StreamWriter[" + transport + "]";
  }
}
