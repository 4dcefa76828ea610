package io.asyncio4j.streams;

import io.asyncio4j.AsyncTimeoutException;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TimerHandle;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;

/**
 * One connected, non-blocking socket on the loop's selector: it feeds the {@link StreamReader},
 * flushes what the {@link StreamWriter} buffered, and closes; asyncio's {@code
 * _SelectorSocketTransport} plus {@code StreamReaderProtocol}.
 *
 * <p>States:
 *
 * <pre>
 * | state   | reading             | writing               | channel |
 * |---------|---------------------|-----------------------|---------|
 * | open    | unless paused / EOF | while bytes are queued | open    |
 * | closing | no                  | until the queue drains | open    |
 * | closed  | no                  | no                     | closed  |
 *
 *   open --close()--&gt; closing --queue empty--&gt; closed
 *   open --close() with nothing queued, abort(), I/O error, idle timeout--&gt; closed
 * </pre>
 *
 * <p>Invariants: the read callback is registered iff open, not at EOF and the reader is not full;
 * the write callback is registered iff bytes are queued and not closed; {@link #queued} is the sum
 * of the remaining bytes in {@link #out}; {@link #writePaused} is set when {@link #queued} went
 * above the high mark and cleared when it fell to the low mark.
 *
 * <p>Threading: loop-confined.
 */
final class SocketTransport {
  private static final int MAX_GATHER = 16;

  final EventLoop loop;
  final SocketChannel channel;
  final StreamReader reader;
  final StreamWriter writer;
  private final Duration idleTimeout;
  private final Runnable onRead = this::onReadable;
  private final Runnable onWrite = this::onWritable;
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
  private final List<Future<Void>> drainWaiters = new ArrayList<>(1);
  private final Future<Void> closedFuture;
  private int high;
  private int low;
  private long queued;
  private boolean readRegistered;
  private boolean writeRegistered;
  private boolean writePaused;
  private boolean eofRequested;
  private boolean closing;
  private boolean closeCalled;
  private boolean closed;
  private Throwable error;
  private long lastActivity;
  private TimerHandle idleTimer;

  /** Called once when the transport is closed (the server's bookkeeping), or null. */
  Runnable onClosed;

  /** The TLS layer, or null for plain TCP. */
  final TlsLayer tls;

  SocketTransport(EventLoop loop, SocketChannel channel, StreamOptions options) {
    this(loop, channel, options, null);
  }

  /** A transport over TLS with {@code engine} (client or server mode set), or plain if null. */
  SocketTransport(EventLoop loop, SocketChannel channel, StreamOptions options, SSLEngine engine) {
    this.loop = loop;
    this.channel = channel;
    this.high = options.writeHighWater();
    this.low = options.writeLowWater();
    this.idleTimeout = options.idleTimeout();
    this.reader = new StreamReader(loop, options.limit());
    this.reader.transport = this;
    this.writer = new StreamWriter(this);
    this.closedFuture = loop.createFuture();
    this.tls = engine == null ? null : new TlsLayer(this, engine, options.handshakeTimeout());
    startReading();
    if (idleTimeout != null) {
      lastActivity = loop.time();
      idleTimer = loop.callLater(idleTimeout, this::checkIdle);
    }
    if (tls != null) {
      tls.start();
    }
  }

  // ---------------------------------------------------------------- reading

  boolean readingPaused() {
    return !readRegistered && !closing && !closed && !reader.atEofOrFailed();
  }

  private void startReading() {
    if (!readRegistered && !closing && !closed && !reader.full() && !reader.atEofOrFailed()) {
      loop.addReader(channel, onRead);
      readRegistered = true;
    }
  }

  private void stopReading() {
    if (readRegistered) {
      loop.removeReader(channel);
      readRegistered = false;
    }
  }

  /** The reader consumed bytes: resume reading if the buffer was full. */
  void readerConsumed() {
    if (!readRegistered) {
      startReading();
    }
    if (tls != null) {
      tls.readerConsumed();
    }
  }

  /** A read waits for data: reading must be on (it is, unless full, which a wait excludes). */
  void readerWaiting() {
    startReading();
  }

  private void onReadable() {
    if (closed || !readRegistered) {
      return;
    }
    if (tls != null) {
      try {
        tls.onReadable(channel);
      } catch (IOException | RuntimeException e) {
        fail(e);
        return;
      }
      if (idleTimer != null) {
        lastActivity = loop.time();
      }
      if (reader.full() || reader.atEofOrFailed()) {
        stopReading();
      }
      return;
    }
    int n;
    try {
      n = reader.readFrom(channel);
    } catch (IOException e) {
      fail(e);
      return;
    }
    if (n > 0) {
      lastActivity = idleTimer == null ? 0 : loop.time();
      if (reader.full()) {
        stopReading();
      }
    } else if (n < 0) {
      // Half-close: keep the transport open so the application can still write (asyncio's
      // eof_received returning True).
      stopReading();
    }
  }

  // ---------------------------------------------------------------- writing

  void write(byte[] data, int off, int len) {
    if (eofRequested) {
      throw new IllegalStateException("write() after writeEof()");
    }
    if (closeCalled) {
      throw new IllegalStateException("write() after close()");
    }
    if (closed || len == 0) {
      // Connection lost: asyncio drops the data; drain() reports the loss.
      return;
    }
    if (tls != null) {
      try {
        tls.write(data, off, len);
      } catch (IOException | RuntimeException e) {
        fail(e);
      }
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(data, off, len);
    if (out.isEmpty()) {
      try {
        channel.write(b);
      } catch (IOException e) {
        fail(e);
        return;
      }
      if (idleTimer != null && b.position() > off) {
        lastActivity = loop.time();
      }
      if (!b.hasRemaining()) {
        return;
      }
    }
    // The caller may reuse its array once write() returns: keep a copy.
    int rem = b.remaining();
    out.add(ByteBuffer.wrap(Arrays.copyOfRange(data, b.position(), b.position() + rem)));
    queued += rem;
    if (!writeRegistered) {
      loop.addWriter(channel, onWrite);
      writeRegistered = true;
    }
    if (queued > high) {
      writePaused = true;
    }
  }

  /** From TLS: plaintext unwrapped from the socket, for the reader. */
  void tlsReceived(ByteBuffer plain) {
    reader.feed(plain);
  }

  /** From TLS: a record to send; queued behind what is queued (it is not copied). */
  void sendRaw(ByteBuffer b) {
    if (closed) {
      return;
    }
    if (out.isEmpty()) {
      try {
        channel.write(b);
      } catch (IOException e) {
        fail(e);
        return;
      }
      if (idleTimer != null) {
        lastActivity = loop.time();
      }
      if (!b.hasRemaining()) {
        if (eofRequested && !closing) {
          shutdownOutput();
        }
        return;
      }
    }
    out.add(b);
    queued += b.remaining();
    if (!writeRegistered) {
      loop.addWriter(channel, onWrite);
      writeRegistered = true;
    }
    if (queued > high) {
      writePaused = true;
    }
  }

  private void onWritable() {
    if (closed || !writeRegistered) {
      return;
    }
    ByteBuffer[] bufs = new ByteBuffer[Math.min(out.size(), MAX_GATHER)];
    int i = 0;
    for (ByteBuffer b : out) {
      if (i == bufs.length) {
        break;
      }
      bufs[i++] = b;
    }
    long n;
    try {
      n = channel.write(bufs);
    } catch (IOException e) {
      fail(e);
      return;
    }
    if (n > 0 && idleTimer != null) {
      lastActivity = loop.time();
    }
    queued -= n;
    while (!out.isEmpty() && !out.peekFirst().hasRemaining()) {
      out.pollFirst();
    }
    if (out.isEmpty()) {
      loop.removeWriter(channel);
      writeRegistered = false;
      if (eofRequested && !shutdownOutput()) {
        return;
      }
      if (closing) {
        closeNow(null);
        return;
      }
    }
    if (writePaused && queued <= low) {
      writePaused = false;
      wakeDrainers();
    }
  }

  void writeEof() {
    if (closing || eofRequested) {
      return;
    }
    eofRequested = true;
    if (tls != null) {
      // close_notify first; the TCP half-close follows once it is sent.
      tls.closeOutbound();
    }
    if (out.isEmpty() && !closed) {
      shutdownOutput();
    }
  }

  private boolean shutdownOutput() {
    try {
      channel.shutdownOutput();
      return true;
    } catch (IOException e) {
      fail(e);
      return false;
    }
  }

  long queued() {
    return queued;
  }

  void setWriteBufferLimits(int high, int low) {
    StreamOptions.checkWaterMarks(high, low);
    this.high = high;
    this.low = low;
    if (queued > high) {
      writePaused = true;
    } else if (writePaused && queued <= low) {
      writePaused = false;
      wakeDrainers();
    }
  }

  int highWater() {
    return high;
  }

  int lowWater() {
    return low;
  }

  /** For drain(): null when it may return, else a waiter; throws when the connection is lost. */
  Future<Void> drainWaiter() throws Throwable {
    Throwable e = error != null ? error : reader.exception();
    if (e != null) {
      throw e;
    }
    if (closed) {
      throw new IOException("Connection lost");
    }
    if (!writePaused) {
      return null;
    }
    Future<Void> w = loop.createFuture();
    drainWaiters.add(w);
    return w;
  }

  private void wakeDrainers() {
    for (Future<Void> w : drainWaiters) {
      if (!w.done()) {
        w.setResult(null);
      }
    }
    drainWaiters.clear();
  }

  // ---------------------------------------------------------------- closing

  boolean isClosing() {
    return closing || closed;
  }

  /** Flushes what is queued, then closes; idempotent. */
  void close() {
    closeCalled = true;
    if (closing || closed) {
      return;
    }
    closing = true;
    stopReading();
    if (tls != null) {
      tls.closeOutbound();
      if (closed) {
        return; // sending close_notify failed the connection
      }
    }
    if (out.isEmpty()) {
      closeNow(null);
    }
  }

  /** Closes at once, dropping what is queued. */
  void abort() {
    if (!closed) {
      closeNow(null);
    }
  }

  /** The connection failed: the reader and drain() raise {@code e}, the socket is closed. */
  void fail(Throwable e) {
    if (closed) {
      return;
    }
    error = e;
    reader.setException(e);
    closeNow(e);
  }

  Future<Void> closedFuture() {
    return closedFuture;
  }

  boolean closed() {
    return closed;
  }

  private void closeNow(Throwable e) {
    if (closed) {
      return;
    }
    closed = true;
    closing = true;
    if (idleTimer != null) {
      idleTimer.cancel();
      idleTimer = null;
    }
    out.clear();
    queued = 0;
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing a socket can only fail to report an error of the connection; it is closed anyway.
    }
    // After close(): the selector then deregisters the channel at once (see EventLoop.addReader).
    stopReading();
    if (writeRegistered) {
      loop.removeWriter(channel);
      writeRegistered = false;
    }
    reader.feedEof();
    wakeDrainers();
    if (tls != null) {
      tls.closed(e);
    }
    if (e == null) {
      closedFuture.setResult(null);
    } else {
      closedFuture.setException(e);
      closedFuture.exception(); // retrieved: the reader and drain() report it already
    }
    Runnable hook = onClosed;
    onClosed = null;
    if (hook != null) {
      hook.run();
    }
  }

  private void checkIdle() {
    idleTimer = null;
    if (closed) {
      return;
    }
    long idleNanos = idleTimeout.toNanos();
    long quiet = loop.time() - lastActivity;
    if (quiet >= idleNanos) {
      fail(
          new AsyncTimeoutException(
              "idle timeout: no data received or sent for " + idleTimeout + "; connection closed"));
    } else {
      idleTimer = loop.callLater(Duration.ofNanos(idleNanos - quiet), this::checkIdle);
    }
  }

  SocketAddress remoteAddress() {
    try {
      return channel.getRemoteAddress();
    } catch (IOException e) {
      return null;
    }
  }

  SocketAddress localAddress() {
    try {
      return channel.getLocalAddress();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "SocketTransport["
        + (closed ? "closed" : closing ? "closing" : "open")
        + " queued="
        + queued
        + " "
        + channel
        + "]";
  }
}
