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
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

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

  /**
   * {@link #openConnection(String, int, StreamOptions)} with the default options.
   *
   * @param host the host name or address
   * @param port the port
   * @return a coroutine with the connection's reader and writer
   */
  public static Coroutine<StreamPair> openConnection(String host, int port) {
    return openConnection(host, port, StreamOptions.defaults());
  }

  /**
   * A coroutine that connects to {@code host:port} and returns the connection's reader and writer;
   * asyncio's {@code open_connection}.
   *
   * <p>An IP literal is used as is; a host name is resolved off the loop thread, on the loop's
   * default executor ({@link EventLoop#runInExecutor}, so a busy common pool cannot stall it), and
   * the first address is tried. Cancelling the awaiting task, or the connect timeout, closes the
   * socket.
   *
   * @param host the host name or address
   * @param port the port
   * @param options buffer limits, timeouts and socket options
   * @return a coroutine with the connection's reader and writer
   */
  public static Coroutine<StreamPair> openConnection(String host, int port, StreamOptions options) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    checkPort(port);
    return new ConnectOp(host, port, options, null);
  }

  /**
   * {@link #openConnection(String, int, StreamOptions)} over TLS with {@code ssl} (asyncio's {@code
   * ssl=}): returns once the handshake is done. The client sends {@code host} as server name
   * indication (unless it is an IP literal) and, unless {@link
   * StreamOptions#withHostnameVerification} turned it off, checks that the server's certificate
   * names {@code host}. A failed handshake throws its {@link javax.net.ssl.SSLHandshakeException}
   * (an untrusted or expired certificate, a name mismatch, no common protocol), a peer that stops
   * mid-handshake {@link io.asyncio4j.AsyncTimeoutException} after {@link
   * StreamOptions#handshakeTimeout()}; either way the socket is closed. {@link
   * StreamReader#readLine()}, {@link StreamReader#readExactly(int)} and {@link
   * StreamWriter#drain()} work as over TCP; {@link StreamWriter#writeEof()} sends close_notify.
   *
   * @param host the host name or address (also the name the certificate must have)
   * @param port the port
   * @param options buffer limits, timeouts and socket options
   * @param ssl the client's TLS context: protocols and the certificates it trusts
   * @return a coroutine with the connection's reader and writer, once the handshake is done
   */
  public static Coroutine<StreamPair> openConnection(
      String host, int port, StreamOptions options, SSLContext ssl) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(ssl, "ssl");
    checkPort(port);
    return new ConnectOp(host, port, options, ssl);
  }

  /**
   * {@link #startServer(BiFunction, String, int, StreamOptions)} with the default options.
   *
   * @param handler runs once per connection, as its own task
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @return a coroutine with the server, listening
   */
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
   * <p>The socket is of the family the address names: {@code "0.0.0.0"} listens on IPv4 only,
   * {@code "::"} on IPv6 (asyncio's behaviour; Java's default would accept both). A host name is
   * resolved on the loop's default executor, and an unresolvable one throws {@link
   * UnknownHostException} naming it. The listen backlog is {@link StreamOptions#backlog()}.
   *
   * @param handler runs once per connection, as its own task
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @param options buffer limits, timeouts and socket options for each connection
   * @return a coroutine with the server, listening
   */
  public static Coroutine<Server> startServer(
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      String host,
      int port,
      StreamOptions options) {
    return listen(handler, host, port, options, null);
  }

  /**
   * {@link #startServer(BiFunction, String, int, StreamOptions)} over TLS with {@code ssl} (its key
   * manager supplies the certificate): each connection's handler runs once the handshake is done; a
   * failed or timed-out handshake just closes that socket (and is reported to the exception handler
   * in debug mode). The client's server name indication is in {@link StreamWriter#sslSession()}.
   *
   * @param handler runs once per connection, as its own task, after the handshake
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @param options buffer limits, timeouts and socket options for each connection
   * @param ssl the server's TLS context: its key manager supplies the certificate
   * @return a coroutine with the server, listening
   */
  public static Coroutine<Server> startServer(
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      String host,
      int port,
      StreamOptions options,
      SSLContext ssl) {
    Objects.requireNonNull(ssl, "ssl");
    return listen(handler, host, port, options, ssl);
  }

  private static Coroutine<Server> listen(
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      String host,
      int port,
      StreamOptions options,
      SSLContext ssl) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    checkPort(port);
    return new AsyncStateMachine<>() {
      private boolean resolving;

      @Override
      protected Object step() throws Throwable {
        InetAddress address;
        if (resolving) {
          address = (InetAddress) resumeValue();
        } else if (isIpLiteral(host)) {
          address = InetAddress.getByName(host);
        } else {
          resolving = true;
          Object r = await(resolve(Asyncio.getRunningLoop(), host));
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
          address = (InetAddress) r;
        }
        return listen(Asyncio.getRunningLoop(), address);
      }

      private Server listen(EventLoop loop, InetAddress address) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(familyOf(address));
        try {
          ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
          if (options.receiveBufferSize() > 0) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
          }
          ch.bind(new InetSocketAddress(address, port), options.backlog());
          ch.configureBlocking(false);
          return new Server(loop, ch, handler, options, ssl);
        } catch (Throwable e) {
          Server.closeQuietly(ch);
          throw e;
        }
      }
    };
  }

  /** {@code host} resolved on the loop's default executor (a lookup may block for seconds). */
  static Future<InetAddress> resolve(EventLoop loop, String host) {
    return loop.runInExecutor(null, () -> InetAddress.getByName(host));
  }

  /** The protocol family of {@code address}: a socket of it does not accept the other family. */
  static ProtocolFamily familyOf(InetAddress address) {
    return address instanceof Inet6Address
        ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
  }

  /**
   * {@link #startServer(EventLoopGroup, BiFunction, String, int, StreamOptions)} with the default
   * options.
   *
   * @param group the loops to listen on, one socket each
   * @param handler runs once per connection, as its own task on the loop that accepted it
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @return a coroutine with the servers, listening
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
   * @param group the loops to listen on, one socket each
   * @param handler runs once per connection, as its own task on the loop that accepted it
   * @param host the address to listen on
   * @param port the port, 0 for any free one
   * @param options buffer limits, timeouts and socket options for each connection
   * @return a coroutine with the servers, listening
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
    private final SSLContext ssl;
    private SocketTransport transport;

    ConnectOp(String host, int port, StreamOptions options, SSLContext ssl) {
      this.host = host;
      this.port = port;
      this.options = options;
      this.ssl = ssl;
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
          Object r = await(resolve(loop, host));
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
        case 3:
          try {
            resumeValue();
          } catch (Throwable e) {
            transport.abort();
            throw e;
          }
          return new StreamPair(transport.reader, transport.writer);
        default:
          throw new IllegalStateException("label " + label);
      }
    }

    private Object connect(InetAddress address) throws Throwable {
      InetSocketAddress target = new InetSocketAddress(address, port);
      channel = SocketChannel.open(familyOf(address));
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

    private Object connected() throws Throwable {
      if (timer != null) {
        timer.cancel();
      }
      if (ssl == null) {
        SocketTransport t = new SocketTransport(loop, channel, options);
        return new StreamPair(t.reader, t.writer);
      }
      SSLEngine engine = ssl.createSSLEngine(host, port);
      engine.setUseClientMode(true);
      SSLParameters params = engine.getSSLParameters();
      if (!isIpLiteral(host)) {
        // Explicit: the JDK sends a name without a dot (such as "localhost") only if told to.
        params.setServerNames(List.of(new SNIHostName(host)));
      }
      if (options.hostnameVerification()) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
      }
      engine.setSSLParameters(params);
      transport = new SocketTransport(loop, channel, options, engine);
      // A fresh waiter: cancelling this await must not cancel the handshake future itself.
      Future<Void> handshaken = loop.createFuture();
      transport
          .tls
          .handshake()
          .addDoneCallback(
              f -> {
                if (handshaken.done()) {
                  return;
                }
                if (f.exception() != null) {
                  handshaken.setException(f.exception());
                } else {
                  handshaken.setResult(null);
                }
              });
      label = 3;
      Object r;
      try {
        r = await(handshaken);
      } catch (Throwable e) {
        transport.abort();
        throw e;
      }
      if (r == SUSPENDED) {
        return SUSPENDED;
      }
      return new StreamPair(transport.reader, transport.writer);
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
