package io.asyncio4j.streams;

import io.asyncio4j.CancelledException;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionContext;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimerHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A listening socket whose connections each run the handler as their own {@link Task}; asyncio's
 * {@code Server} from {@code start_server}.
 *
 * <p>When a handler's task finishes (returns, throws or is cancelled) its connection is closed
 * after the queued bytes are sent; an exception other than cancellation goes to the loop's
 * exception handler. So a handler needs no {@code finally { writer.close(); }}, and cancelling
 * every task (as {@code Asyncio.run} does at the end) closes every connection.
 *
 * <p>States:
 *
 * <pre>
 * | state   | accepting | connections           | waitClosed()                  |
 * |---------|-----------|-----------------------|-------------------------------|
 * | serving | yes       | any                   | waits                         |
 * | closed  | no        | the remaining ones run | returns when none is left     |
 *
 *   serving --close(), cancelled serveForever()--&gt; closed
 * </pre>
 *
 * <p>When {@code accept()} fails (out of file descriptors, say), the server stops accepting for a
 * second and reports the failure once to the loop's exception handler, then accepts again; pending
 * connections wait in the listen backlog meanwhile (asyncio's behaviour).
 *
 * <p>Invariants: {@link #connections} holds exactly the transports accepted and not closed yet; the
 * listening socket has a reader registered iff serving and no accept retry is scheduled.
 *
 * <p>Threading: loop-confined.
 */
public final class Server implements io.asyncio4j.AsyncCloseable {
  private static final int ACCEPTS_PER_WAKEUP = 64;

  /**
   * How long accepting pauses after {@code accept()} failed, typically for want of file descriptors
   * (EMFILE): asyncio's {@code ACCEPT_RETRY_DELAY}.
   */
  static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);

  /** {@code ServerSocketChannel.accept}, replaceable by tests to simulate failures. */
  interface Acceptor {
    SocketChannel accept(ServerSocketChannel channel) throws IOException;
  }

  private final EventLoop loop;
  private final ServerSocketChannel channel;
  private final InetSocketAddress address;
  private final BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler;
  private final StreamOptions options;
  private final SSLContext ssl;
  private final Set<SocketTransport> connections = new LinkedHashSet<>();
  private final List<Future<Void>> closeWaiters = new ArrayList<>(1);
  private boolean serving = true;
  private long accepted;
  private TimerHandle acceptRetry;
  Acceptor acceptor = ServerSocketChannel::accept;
  Duration acceptRetryDelay = ACCEPT_RETRY_DELAY;

  Server(
      EventLoop loop,
      ServerSocketChannel channel,
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      StreamOptions options)
      throws IOException {
    this(loop, channel, handler, options, null);
  }

  /** A server whose connections speak TLS with {@code ssl} (server mode), or plain TCP if null. */
  Server(
      EventLoop loop,
      ServerSocketChannel channel,
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      StreamOptions options,
      SSLContext ssl)
      throws IOException {
    this.loop = loop;
    this.channel = channel;
    this.address = (InetSocketAddress) channel.getLocalAddress();
    this.handler = handler;
    this.options = options;
    this.ssl = ssl;
    loop.addReader(channel, this::onAcceptable);
  }

  /**
   * The address the server listens on (with the actual port when bound to port 0).
   *
   * @return the address it listens on
   */
  public InetSocketAddress localAddress() {
    return address;
  }

  /**
   * The port the server listens on.
   *
   * @return the port it listens on
   */
  public int port() {
    return address.getPort();
  }

  /**
   * Whether the server still accepts connections.
   *
   * @return whether it accepts connections
   */
  public boolean isServing() {
    return serving;
  }

  /**
   * The number of connections accepted and not closed yet.
   *
   * @return how many connections are open
   */
  public int activeConnections() {
    return connections.size();
  }

  /**
   * The end of {@code async with server} (a try-with-resources block over it in an {@code @Async}
   * method): {@link #close()}, then awaits {@link #waitClosed()}, which also waits for the open
   * connections to close, as in asyncio 3.12+.
   */
  @Override
  public Coroutine<Void> closeAsync(Throwable primary) {
    close();
    return waitClosed();
  }

  /**
   * Stops listening and closes the listening socket; running connections go on (close them with
   * {@link #closeClients()}). Idempotent.
   */
  @Override
  public void close() {
    if (!serving) {
      return;
    }
    serving = false;
    if (acceptRetry != null) {
      acceptRetry.cancel();
      acceptRetry = null;
    }
    try {
      channel.close();
    } catch (IOException e) {
      loop.callExceptionHandler(new ExceptionContext("closing the server socket failed", e, this));
    }
    loop.removeReader(channel); // after close(): deregisters at once, so the port is free now
    maybeClosed();
  }

  /** Closes every connection, after sending what each has queued. */
  public void closeClients() {
    for (SocketTransport t : new ArrayList<>(connections)) {
      t.close();
    }
  }

  /** Closes every connection at once, dropping what each has queued. */
  public void abortClients() {
    for (SocketTransport t : new ArrayList<>(connections)) {
      t.abort();
    }
  }

  /**
   * Waits until the server is closed and every connection is closed.
   *
   * @return a coroutine that completes when the server and its connections are closed
   */
  public Coroutine<Void> waitClosed() {
    return new StreamOp<>() {
      @Override
      Object attempt() {
        if (!serving && connections.isEmpty()) {
          return null;
        }
        Future<Void> w = loop.createFuture();
        closeWaiters.add(w);
        return waitOn(w);
      }
    };
  }

  /**
   * Serves until the awaiting task is cancelled, then closes the server and rethrows the {@link
   * CancelledException}; asyncio's {@code serve_forever()}.
   *
   * @return a coroutine that serves until the server is closed or the task cancelled
   */
  public Coroutine<Void> serveForever() {
    return new StreamOp<>() {
      @Override
      Object attempt() {
        if (!serving) {
          throw new IllegalStateException("server " + address + " is closed");
        }
        return waitOn(loop.createFuture());
      }

      @Override
      void onCancelled() {
        close();
      }
    };
  }

  private void onAcceptable() {
    for (int i = 0; i < ACCEPTS_PER_WAKEUP && serving; i++) {
      SocketChannel c;
      try {
        c = acceptor.accept(channel);
      } catch (IOException e) {
        if (serving) {
          pauseAccepting(e);
        }
        return;
      }
      if (c == null) {
        return;
      }
      connectionMade(c);
    }
  }

  /**
   * Stops accepting for {@link #acceptRetryDelay} and reports {@code e} once: the pending
   * connection stays in the backlog, and retrying at once would fail again (out of file
   * descriptors: until some connection closes), spinning the loop and flooding the log.
   */
  private void pauseAccepting(IOException e) {
    loop.removeReader(channel);
    loop.callExceptionHandler(
        new ExceptionContext(
            "accept() failed (out of file descriptors?); accepting again in " + acceptRetryDelay,
            e,
            this));
    acceptRetry =
        loop.callLater(
            acceptRetryDelay,
            () -> {
              acceptRetry = null;
              if (serving) {
                loop.addReader(channel, this::onAcceptable);
              }
            });
  }

  private void connectionMade(SocketChannel c) {
    SocketTransport t;
    try {
      Streams.configure(c, options);
      SSLEngine engine = null;
      if (ssl != null) {
        engine = ssl.createSSLEngine();
        engine.setUseClientMode(false);
      }
      t = new SocketTransport(loop, c, options, engine);
    } catch (IOException | RuntimeException e) {
      closeQuietly(c);
      loop.callExceptionHandler(new ExceptionContext("setting up a connection failed", e, this));
      return;
    }
    connections.add(t);
    t.onClosed =
        () -> {
          connections.remove(t);
          maybeClosed();
        };
    if (t.tls == null) {
      startHandler(t);
      return;
    }
    // asyncio calls the handler once the handshake is done; a failed one only closes the socket
    // (reported in debug mode: a scanner or a client that distrusts us is not the server's error).
    t.tls
        .handshake()
        .addDoneCallback(
            f -> {
              if (f.exception() == null) {
                startHandler(t);
              } else if (loop.getDebug()) {
                loop.callExceptionHandler(
                    new ExceptionContext("TLS handshake failed", f.exception(), this));
              }
            });
  }

  private void startHandler(SocketTransport t) {
    Task<?> task;
    try {
      Coroutine<?> coro = handler.apply(t.reader, t.writer);
      if (coro == null) {
        throw new NullPointerException(
            "the connection handler returned null (expected: a Coroutine)");
      }
      task = loop.createTask(coro, "Connection-" + ++accepted + " " + t.remoteAddress());
    } catch (RuntimeException e) {
      // e.g. a handler that returns the same coroutine twice: the connection cannot be served.
      t.abort();
      loop.callExceptionHandler(new ExceptionContext("connection handler failed", e, this));
      return;
    }
    task.addDoneCallback(
        f -> {
          t.close();
          if (!f.cancelled() && f.exception() != null) {
            loop.callExceptionHandler(
                new ExceptionContext(
                    "Unhandled exception in connection handler", f.exception(), f));
          }
        });
  }

  private void maybeClosed() {
    if (!serving && connections.isEmpty()) {
      for (Future<Void> w : closeWaiters) {
        if (!w.done()) {
          w.setResult(null);
        }
      }
      closeWaiters.clear();
    }
  }

  static void closeQuietly(java.nio.channels.Channel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing to report: the channel is being discarded
    }
  }

  @Override
  public String toString() {
    return "Server["
        + address
        + (serving ? " serving" : " closed")
        + " connections="
        + connections.size()
        + "]";
  }
}
