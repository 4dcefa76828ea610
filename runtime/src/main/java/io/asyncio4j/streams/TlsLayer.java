package io.asyncio4j.streams;

import io.asyncio4j.AsyncTimeoutException;
import io.asyncio4j.Future;
import io.asyncio4j.TimerHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * TLS between a {@link SocketTransport} and its socket, with an {@link SSLEngine} (asyncio's {@code
 * SSLProtocol}): ciphertext read from the socket is unwrapped into the {@link StreamReader}, and
 * what the {@link StreamWriter} writes is wrapped and queued on the transport as ciphertext, so the
 * write buffer, its marks and {@code drain()} work as without TLS (counting ciphertext).
 *
 * <p>States:
 *
 * <pre>
 * | state       | app data          | handshake future | engine          |
 * |-------------|-------------------|------------------|-----------------|
 * | handshaking | none yet          | pending          | handshaking     |
 * | open        | both ways         | done (result)    | not handshaking |
 * | outbound    | reads only        | done             | close_notify    |
 * |   closed    |                   |                  | sent            |
 * | failed      | none (error)      | done (exception) | -               |
 *
 *   handshaking --handshake done--&gt; open --writeEof()/close()--&gt; outbound closed
 *   handshaking --SSLException, EOF, timeout--&gt; failed (socket closed)
 *   open --peer's close_notify--&gt; the reader is at EOF (writing goes on: TLS 1.3 half-close)
 * </pre>
 *
 * <p>Invariants: {@link #netIn} (write mode) holds the ciphertext read and not unwrapped yet, at
 * most one record more than the reader's limit allows; the reader is fed only while it is not full,
 * so a peer costs at most {@code limit} plus one record (16 KiB) of plaintext and one record of
 * ciphertext; the scratch buffers are empty between calls; renegotiation is never started here (a
 * TLS 1.3 key update or session ticket from the peer is handled by the engine in the same pump).
 *
 * <p>Threading: loop-confined. Delegated tasks (certificate checks) run on the loop thread.
 */
final class TlsLayer {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /**
   * The loop thread's scratch buffers for one record of plaintext in and ciphertext out: every call
   * empties them before it returns (unwrapped bytes go to the reader, wrapped ones to the
   * transport's queue), so the connections of a loop share one pair instead of holding 33 KB each.
   */
  private static final ThreadLocal<ByteBuffer[]> SCRATCH =
      ThreadLocal.withInitial(() -> new ByteBuffer[2]);

  private final SocketTransport transport;
  private final SSLEngine engine;
  private final Future<Void> handshake;
  private ByteBuffer netIn;
  private TimerHandle handshakeTimer;
  private boolean pumpQueued;

  TlsLayer(SocketTransport transport, SSLEngine engine, Duration handshakeTimeout) {
    this.transport = transport;
    this.engine = engine;
    SSLSession s = engine.getSession();
    this.netIn = ByteBuffer.allocate(s.getPacketBufferSize());
    this.handshake = transport.loop.createFuture();
    this.handshakeTimer =
        transport.loop.callLater(
            handshakeTimeout,
            () -> {
              handshakeTimer = null;
              if (!handshake.done()) {
                transport.fail(
                    new AsyncTimeoutException(
                        "TLS handshake with "
                            + transport.remoteAddress()
                            + " timed out after "
                            + handshakeTimeout));
              }
            });
  }

  /** Starts the handshake (a client sends its hello at once). */
  void start() {
    try {
      engine.beginHandshake();
      pump();
    } catch (IOException | RuntimeException e) {
      transport.fail(e);
    }
  }

  /** Completes when the handshake is done; fails with the error that ended it. */
  Future<Void> handshake() {
    return handshake;
  }

  SSLSession session() {
    return engine.getSession();
  }

  /** The socket is readable: reads ciphertext and unwraps what it can. */
  void onReadable(SocketChannel channel) throws IOException {
    if (!netIn.hasRemaining()) {
      netIn = grow(netIn, netIn.capacity() * 2);
    }
    int n = channel.read(netIn);
    if (n < 0) {
      if (!handshake.done()) {
        throw new SSLHandshakeException("Remote host terminated the handshake");
      }
      // EOF without close_notify: ended like plain TCP (Python's suppress_ragged_eofs).
      transport.reader.feedEof();
      return;
    }
    pump();
  }

  /** The reader consumed bytes: unwrap the ciphertext already read (no readiness will tell). */
  void readerConsumed() {
    if (netIn.position() > 0 && !pumpQueued) {
      pumpQueued = true;
      transport.loop.callSoon(
          () -> {
            pumpQueued = false;
            if (!transport.closed()) {
              try {
                pump();
              } catch (IOException | RuntimeException e) {
                transport.fail(e);
              }
            }
          });
    }
  }

  /** Encrypts {@code data[off..off+len)} and queues the records on the transport. */
  void write(byte[] data, int off, int len) throws IOException {
    ByteBuffer src = ByteBuffer.wrap(data, off, len);
    ByteBuffer[] scratch = scratch();
    while (src.hasRemaining()) {
      SSLEngineResult r = engine.wrap(src, scratch[1]);
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        scratch[1] =
            grow(scratch[1], engine.getSession().getPacketBufferSize() + scratch[1].position());
        continue;
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        throw new SSLException("write() after the TLS session was closed");
      }
      flushNetOut();
      runDelegatedTasks(r);
    }
  }

  /** Sends close_notify (after what is queued): the TLS half-close; reading goes on. */
  void closeOutbound() {
    if (engine.isOutboundDone()) {
      return;
    }
    engine.closeOutbound();
    try {
      pump();
    } catch (IOException | RuntimeException e) {
      // The connection is going away anyway: close_notify is a courtesy.
    }
  }

  /** The transport closed (or failed with {@code e}): the handshake, if pending, fails. */
  void closed(Throwable e) {
    if (handshakeTimer != null) {
      handshakeTimer.cancel();
      handshakeTimer = null;
    }
    if (!handshake.done()) {
      handshake.setException(
          e != null ? e : new SSLHandshakeException("Connection closed during the TLS handshake"));
      handshake.exception(); // retrieved: whoever waits on the handshake reports it
    }
  }

  /**
   * Drives the engine until it needs more input: handshake messages in both directions, delegated
   * tasks, then application data into the reader while it has room.
   */
  private void pump() throws IOException {
    ByteBuffer[] scratch = scratch();
    for (; ; ) {
      HandshakeStatus hs = engine.getHandshakeStatus();
      switch (hs) {
        case NEED_TASK:
          runDelegatedTasks(null);
          break;
        case NEED_WRAP:
          {
            SSLEngineResult r = engine.wrap(EMPTY, scratch[1]);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
              scratch[1] = grow(scratch[1], scratch[1].capacity() * 2);
              break;
            }
            flushNetOut();
            if (r.bytesProduced() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
              return; // nothing more to send (outbound closed): no progress possible here
            }
            break;
          }
        case NEED_UNWRAP:
        case NEED_UNWRAP_AGAIN:
          if (!unwrap()) {
            return;
          }
          break;
        default:
          if (!handshake.done()) {
            handshakeDone();
          }
          if (netIn.position() == 0 || transport.reader.full() || engine.isInboundDone()) {
            return;
          }
          if (!unwrap()) {
            return;
          }
          break;
      }
    }
  }

  /** Unwraps one record; false when more ciphertext is needed or nothing can progress. */
  private boolean unwrap() throws IOException {
    ByteBuffer[] scratch = SCRATCH.get();
    netIn.flip();
    SSLEngineResult r;
    try {
      r = engine.unwrap(netIn, scratch[0]);
    } finally {
      netIn.compact();
    }
    switch (r.getStatus()) {
      case BUFFER_UNDERFLOW:
        if (netIn.position() == netIn.capacity()) {
          netIn = grow(netIn, engine.getSession().getPacketBufferSize() + netIn.position());
        }
        return false;
      case BUFFER_OVERFLOW:
        feedApp();
        scratch[0] =
            grow(
                scratch[0], engine.getSession().getApplicationBufferSize() + scratch[0].position());
        return true;
      case CLOSED:
        feedApp();
        if (engine.isInboundDone()) {
          transport.reader.feedEof();
        }
        return r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
      default:
        feedApp();
        runDelegatedTasks(r);
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
    }
  }

  private void feedApp() {
    ByteBuffer appIn = SCRATCH.get()[0];
    if (appIn.position() > 0) {
      appIn.flip();
      transport.tlsReceived(appIn);
      appIn.clear();
    }
  }

  private void flushNetOut() {
    ByteBuffer netOut = SCRATCH.get()[1];
    if (netOut.position() > 0) {
      netOut.flip();
      ByteBuffer record = ByteBuffer.allocate(netOut.remaining());
      record.put(netOut).flip();
      netOut.clear();
      transport.sendRaw(record);
    }
  }

  private void handshakeDone() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel();
      handshakeTimer = null;
    }
    handshake.setResult(null);
  }

  private void runDelegatedTasks(SSLEngineResult r) {
    if (r != null && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK) {
      return;
    }
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  /**
   * This thread's scratch pair, sized for this session (looked up per use, not kept: a loop may be
   * run by another thread later).
   */
  private ByteBuffer[] scratch() {
    ByteBuffer[] scratch = SCRATCH.get();
    SSLSession s = engine.getSession();
    if (scratch[0] == null || scratch[0].capacity() < s.getApplicationBufferSize()) {
      scratch[0] = ByteBuffer.allocate(s.getApplicationBufferSize());
    }
    if (scratch[1] == null || scratch[1].capacity() < s.getPacketBufferSize()) {
      scratch[1] = ByteBuffer.allocate(s.getPacketBufferSize());
    }
    return scratch;
  }

  private static ByteBuffer grow(ByteBuffer b, int capacity) {
    ByteBuffer n = ByteBuffer.allocate(Math.max(capacity, b.capacity()));
    b.flip();
    n.put(b);
    return n;
  }
}
