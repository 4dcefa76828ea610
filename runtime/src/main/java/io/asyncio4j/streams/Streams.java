package io.asyncio4j.streams;

import io.asyncio4j.AsyncTimeoutException;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopGroup;
import io.asyncio4j.Future;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.spi.AsyncStateMachine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * asyncio's streams API: {@link #openConnection} and {@link #startServer}, on the running loop's
 * selector (no thread per connection).
 *
 * <pre>{@code
 * StreamPair c = await(Streams.openConnection("127.0.0.1", 8888));
 * c.writer().write("ping\n".getBytes(UTF_8));
 * await(c.writer().drain());
 * byte[] line = await(c.reader().readLine());
 * c.writer().close();
 * await(c.writer().waitClosed());
 * }</pre>
 *
 * <p>Timeouts: {@link StreamOptions#withConnectTimeout} bounds connecting and {@link
 * StreamOptions#withIdleTimeout} aborts quiet connections; any await can also be bounded with the
 * toolkit's {@code waitFor}/{@code timeout}, since cancelling an await here closes what it must (a
 * connection being opened is closed; a read or drain leaves the connection as it was).
 *
 * <p>Errors keep their identity: connecting to a closed port throws {@link
 * java.net.ConnectException}, a peer reset the {@link java.net.SocketException} "Connection reset".
 */
public final class Streams {
  private Streams() {}

  /** {@link #openConnection(String, int, StreamOptions)} with the default options. */
  public static Coroutine<StreamPair> openConnection(String host, int port) {
    return openConnection(host, port, StreamOptions.defaults());
  }

  /**
   * A coroutine that connects to {@code host:port} and returns the connection's reader and writer;
   * asyncio's {@code open_connection}.
   *
   * <p>An IP literal is used as is; a host name is resolved off the loop thread (on the common
   * {@link java.util.concurrent.ForkJoinPool}), and the first address is tried. Cancelling the
   * awaiting task, or the connect timeout, closes the socket.
   */
  public static Coroutine<StreamPair> openConnection(String host, int port, StreamOptions options) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    checkPort(port);
    return new ConnectOp(host, port, options);
  }

  /** {@link #startServer(BiFunction, String, int, StreamOptions)} with the default options. */
  public static Coroutine<Server> startServer(
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler, String host, int port) {
    return startServer(handler, host, port, StreamOptions.defaults());
  }

  /**
   * A coroutine that starts listening on {@code host:port} ({@code port} 0: an ephemeral port, see
   * {@link Server#port()}) and returns the serving {@link Server}; asyncio's {@code start_server}.
   * Each accepted connection runs {@code handler.apply(reader, writer)} as its own task, typically
   * the entry point of an {@code @Async} method: {@code HandlerAsync::handle}.
   *
   * <p>The host is resolved on the loop thread: pass an IP literal such as {@code "127.0.0.1"} or
   * {@code "0.0.0.0"} to avoid a name lookup.
   */
  public static Coroutine<Server> startServer(
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      String host,
      int port,
      StreamOptions options) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    checkPort(port);
    return new AsyncStateMachine<>() {
      @Override
      protected Object step() throws Throwable {
        EventLoop loop = Asyncio.getRunningLoop();
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
          ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          if (options.receiveBufferSize() > 0) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
          }
          ch.bind(new InetSocketAddress(host, port), 128);
          ch.configureBlocking(false);
          return new Server(loop, ch, handler, options);
        } catch (Throwable e) {
          Server.closeQuietly(ch);
          throw e;
        }
      }
    };
  }

  /**
   * {@link #startServer(EventLoopGroup, BiFunction, String, int, StreamOptions)} with the default
   * options.
   */
  public static Coroutine<GroupServer> startServer(
      EventLoopGroup group,
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      String host,
      int port) {
    return startServer(group, handler, host, port, StreamOptions.defaults());
  }

  /**
   * A coroutine that starts a server on every loop of {@code group}, all listening on {@code
   * host:port} (port 0: one ephemeral port for all, see {@link GroupServer#port()}), and returns
   * them as one {@link GroupServer}; await it on any loop, e.g. {@code group.run(startServer(group,
   * ...))}. Each accepted connection runs {@code handler.apply(reader, writer)} as a task on the
   * loop that accepted it, and stays there. Connections are spread by the kernel ({@code
   * SO_REUSEPORT}, see {@link GroupServer}).
   *
   * @throws UnsupportedOperationException (when awaited) if the platform has no {@code
   *     SO_REUSEPORT}
   */
  public static Coroutine<GroupServer> startServer(
      EventLoopGroup group,
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      String host,
      int port,
      StreamOptions options) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    checkPort(port);
    return GroupServer.start(group, handler, host, port, options);
  }

  static void configure(SocketChannel c, StreamOptions options) throws IOException {
    c.configureBlocking(false);
    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
    if (options.receiveBufferSize() > 0) {
      c.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
    }
    if (options.sendBufferSize() > 0) {
      c.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
    }
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
  }

  /** Whether {@code host} is an IPv4 or IPv6 literal (resolving it does no lookup). */
  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    if (host.isEmpty()) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char ch = host.charAt(i);
      if (ch != '.' && (ch < '0' || ch > '9')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The connect state machine: resolve (label 0 → 1), connect and wait for the socket to become
   * connectable (label 2), then wrap the channel in a transport. Any failure or cancellation after
   * the channel is opened closes it.
   */
  private static final class ConnectOp extends AsyncStateMachine<StreamPair> {
    private final String host;
    private final int port;
    private final StreamOptions options;
    private int label;
    private EventLoop loop;
    private SocketChannel channel;
    private TimerHandle timer;

    ConnectOp(String host, int port, StreamOptions options) {
      this.host = host;
      this.port = port;
      this.options = options;
    }

    @Override
    protected Object step() throws Throwable {
      switch (label) {
        case 0:
          loop = Asyncio.getRunningLoop();
          if (isIpLiteral(host)) {
            return connect(InetAddress.getByName(host));
          }
          label = 1;
          Object r = await(CompletableFuture.supplyAsync(ConnectOp.this::resolve));
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
          return connect((InetAddress) r);
        case 1:
          return connect((InetAddress) resumeValue());
        case 2:
          try {
            resumeValue();
          } catch (Throwable e) {
            cleanUp();
            throw e;
          }
          return connected();
        default:
          throw new IllegalStateException("label " + label);
      }
    }

    private InetAddress resolve() {
      try {
        return InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new CompletionException(e);
      }
    }

    private Object connect(InetAddress address) throws Throwable {
      InetSocketAddress target = new InetSocketAddress(address, port);
      channel = SocketChannel.open();
      try {
        configure(channel, options);
        if (channel.connect(target)) {
          return connected();
        }
        Future<Void> done = loop.createFuture();
        loop.addWriter(
            channel,
            () -> {
              if (done.done()) {
                return;
              }
              try {
                if (channel.finishConnect()) {
                  loop.removeWriter(channel);
                  done.setResult(null);
                }
              } catch (IOException e) {
                loop.removeWriter(channel);
                done.setException(e);
              }
            });
        if (options.connectTimeout() != null) {
          timer =
              loop.callLater(
                  options.connectTimeout(),
                  () -> {
                    if (!done.done()) {
                      done.setException(
                          new AsyncTimeoutException(
                              "connect to "
                                  + target
                                  + " timed out after "
                                  + options.connectTimeout()));
                    }
                  });
        }
        label = 2;
        Object r = await(done);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
        return connected();
      } catch (Throwable e) {
        cleanUp();
        throw e;
      }
    }

    private StreamPair connected() {
      if (timer != null) {
        timer.cancel();
      }
      SocketTransport t = new SocketTransport(loop, channel, options);
      return new StreamPair(t.reader, t.writer);
    }

    private void cleanUp() {
      if (timer != null) {
        timer.cancel();
      }
      if (channel != null) {
        Server.closeQuietly(channel);
        loop.removeWriter(channel); // after closing: deregisters the channel at once
      }
    }
  }
}
