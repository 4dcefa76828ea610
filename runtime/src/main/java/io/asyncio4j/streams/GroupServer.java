package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopGroup;
import io.asyncio4j.Future;
import io.asyncio4j.spi.AsyncStateMachine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A TCP server spread over the loops of an {@link EventLoopGroup}: one {@link Server} per loop,
 * each with a listening socket of its own bound to the same port with {@code SO_REUSEPORT}, so the
 * kernel spreads new connections over the loops (Linux balances them by a hash of the connection's
 * addresses). A connection is accepted by one loop and its handler runs entirely on that loop.
 *
 * <p>Why one socket per loop rather than one acceptor handing sockets to the other loops: no
 * cross-thread hand-off per connection, no acceptor thread that can fall behind or fail alone, and
 * each loop keeps everything of its connections (accept, transport, task) on one thread. It needs
 * {@code SO_REUSEPORT}: on a platform without it, {@link Streams#startServer(EventLoopGroup,
 * BiFunction, String, int, StreamOptions)} throws {@link UnsupportedOperationException}.
 *
 * <p>States: serving (every loop's server accepts) and closed (no loop accepts; connections still
 * running go on), as for {@link Server}.
 *
 * <p>Invariants: {@link #servers()} holds one server per loop of the group, in the group's order,
 * all bound to {@link #port()}.
 *
 * <p>Threading: thread-safe; each {@link Server} in {@link #servers()} is confined to its loop.
 */
public final class GroupServer {
  private final EventLoopGroup group;
  private final List<Server> servers;
  private final InetSocketAddress address;

  private GroupServer(EventLoopGroup group, List<Server> servers) {
    this.group = group;
    this.servers = Collections.unmodifiableList(servers);
    this.address = servers.get(0).localAddress();
  }

  /**
   * The address every loop's socket listens on (with the actual port when bound to port 0).
   *
   * @return the address the servers listen on
   */
  public InetSocketAddress localAddress() {
    return address;
  }

  /**
   * The port the server listens on.
   *
   * @return the port the servers listen on
   */
  public int port() {
    return address.getPort();
  }

  /**
   * The per-loop servers, in the order of the group's loops; each is loop-confined: use one only
   * from its own loop.
   *
   * @return one server per loop
   */
  public List<Server> servers() {
    return servers;
  }

  /**
   * Stops listening on every loop: each loop closes its listening socket in its next iteration;
   * connections go on. Callable from any thread. Idempotent.
   */
  public void close() {
    for (int i = 0; i < servers.size(); i++) {
      Server s = servers.get(i);
      EventLoop loop = group.loops().get(i);
      try {
        loop.callSoonThreadsafe(s::close);
      } catch (IllegalStateException closed) {
        // a closed loop closed its channels with it
      }
    }
  }

  /**
   * Serves until the awaiting task is cancelled, then closes the server on every loop and rethrows
   * the cancellation; asyncio's {@code serve_forever()}.
   *
   * @return a coroutine that completes when the servers are closed
   */
  public Coroutine<Void> serveForever() {
    return new StreamOp<>() {
      @Override
      Object attempt() {
        return waitOn(Asyncio.getRunningLoop().createFuture());
      }

      @Override
      void onCancelled() {
        close();
      }
    };
  }

  /**
   * Waits until every loop's server is closed and has no connection left.
   *
   * @return a coroutine to await on any loop
   */
  public Coroutine<Void> waitClosed() {
    return new AsyncStateMachine<>() {

      @Override
      protected Object step() throws Throwable {
        if (label == 0) {
          List<Future<Void>> each = new ArrayList<>(servers.size());
          for (int i = 0; i < servers.size(); i++) {
            each.add(Asyncio.runOn(group.loops().get(i), servers.get(i).waitClosed()));
          }
          label = 1;
          if (await(Asyncio.gather(each)) == SUSPENDED) {
            return SUSPENDED;
          }
          return null;
        }
        resumeValue();
        return null;
      }
    };
  }

  /**
   * Starts the servers (see {@link Streams#startServer(EventLoopGroup, BiFunction, String, int,
   * StreamOptions)}).
   */
  static Coroutine<GroupServer> start(
      EventLoopGroup group,
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      String host,
      int port,
      StreamOptions options) {
    return new AsyncStateMachine<>() {
      private List<ServerSocketChannel> channels;

      @Override
      protected Object step() throws Throwable {
        if (label == 0) {
          channels = bindAll(group.size(), host, port, options);
          List<Future<Server>> each = new ArrayList<>(channels.size());
          try {
            for (int i = 0; i < channels.size(); i++) {
              ServerSocketChannel ch = channels.get(i);
              EventLoop loop = group.loops().get(i);
              each.add(Asyncio.runOn(loop, serverOn(loop, ch, handler, options)));
            }
          } catch (Throwable e) {
            closeAll(channels);
            throw e;
          }
          label = 1;
          Object r;
          try {
            r = await(Asyncio.gather(each));
          } catch (Throwable e) {
            closeAll(channels);
            throw e;
          }
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
          return started(r);
        }
        Object r;
        try {
          r = resumeValue();
        } catch (Throwable e) {
          closeAll(channels);
          throw e;
        }
        return started(r);
      }

      @SuppressWarnings("unchecked")
      private GroupServer started(Object servers) {
        return new GroupServer(group, new ArrayList<>((List<Server>) servers));
      }
    };
  }

  private static Coroutine<Server> serverOn(
      EventLoop loop,
      ServerSocketChannel ch,
      BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler,
      StreamOptions options) {
    return new AsyncStateMachine<>() {
      @Override
      protected Object step() throws Throwable {
        return new Server(loop, ch, handler, options);
      }
    };
  }

  /** Opens and binds {@code n} listening sockets to one port (the first one's, for port 0). */
  private static List<ServerSocketChannel> bindAll(
      int n, String host, int port, StreamOptions options) throws IOException {
    List<ServerSocketChannel> channels = new ArrayList<>(n);
    try {
      int bound = port;
      for (int i = 0; i < n; i++) {
        ServerSocketChannel ch = ServerSocketChannel.open();
        channels.add(ch);
        if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
          throw new UnsupportedOperationException(
              "a server on an EventLoopGroup needs SO_REUSEPORT, which this platform does not"
                  + " support; start one server per loop on different ports, or a server on one"
                  + " loop");
        }
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        if (options.receiveBufferSize() > 0) {
          ch.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
        }
        ch.bind(new InetSocketAddress(host, bound), options.backlog());
        ch.configureBlocking(false);
        bound = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      }
      return channels;
    } catch (IOException | RuntimeException e) {
      closeAll(channels);
      throw e;
    }
  }

  private static void closeAll(List<ServerSocketChannel> channels) {
    for (ServerSocketChannel ch : channels) {
      Server.closeQuietly(ch);
    }
  }

  @Override
  public String toString() {
    return "GroupServer[" + address + " on " + servers.size() + " loops]";
  }
}
