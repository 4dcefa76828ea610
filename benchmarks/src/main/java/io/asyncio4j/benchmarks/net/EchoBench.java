package io.asyncio4j.benchmarks.net;

import static io.asyncio4j.Asyncio.await;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamOptions;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Streams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Echo round trips per second over N concurrent loopback connections, against four echo servers in
 * the same run: asyncio4j streams (one loop thread), Netty NIO (one event-loop thread), a
 * blocking-socket server on virtual threads (JDK 21+ only) and one on platform threads. Over TLS
 * ({@code --tls true}; a keytool-made certificate, TLS 1.3): asyncio4j streams with an {@code
 * SSLContext} against the JDK's blocking {@code SSLServerSocket} on virtual threads, the load
 * generator speaking TLS through asyncio4j's client to both.
 *
 * <p>The load generator is the same for every server: one asyncio4j loop on the main thread with
 * one task per connection, each doing write → drain → readExactly in a loop and checking the echo.
 * Round trips completed inside the measurement window (after the warm-up) are counted.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.asyncio4j.benchmarks.net.EchoBench \
 *     [--connections 100] [--size 64] [--warmup 2] [--seconds 5] [--servers a,b] [--tls true]
 * </pre>
 */
public final class EchoBench {
  private EchoBench() {}

  /** The run's TLS identity with {@code --tls true}, else null (plain TCP). */
  static BenchTls tls;

  /** A server under test. */
  interface EchoServer extends AutoCloseable {
    int port();

    @Override
    void close() throws Exception;
  }

  /**
   * Round trips in the measurement window and its length; and over the whole run (warm-up too), all
   * round trips and the process's CPU time (client and server), a measure that holds up better than
   * throughput on a busy machine.
   */
  record Result(
      String server, long roundTrips, double seconds, long totalRoundTrips, long cpuNanos) {
    double perSecond() {
      return roundTrips / seconds;
    }

    double cpuMicrosPerRoundTrip() {
      return cpuNanos / 1e3 / totalRoundTrips;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    int connections = Integer.parseInt(opts.getOrDefault("connections", "100"));
    int size = Integer.parseInt(opts.getOrDefault("size", "64"));
    double warmup = Double.parseDouble(opts.getOrDefault("warmup", "2"));
    double seconds = Double.parseDouble(opts.getOrDefault("seconds", "5"));
    if (Boolean.parseBoolean(opts.getOrDefault("tls", "false"))) {
      tls = BenchTls.create();
    }
    String all =
        tls != null
            ? "asyncio4j,virtual-threads"
            : "asyncio4j,netty,virtual-threads,platform-threads";
    List<String> servers = Arrays.asList(opts.getOrDefault("servers", all).split(","));
    System.out.printf(
        Locale.ROOT,
        "EchoBench%s: %d connections, %d-byte messages, %.1f s warm-up + %.1f s, JDK %s, %d"
            + " cores%n",
        tls != null ? " over TLS" : "",
        connections,
        size,
        warmup,
        seconds,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    for (String name : servers) {
      for (Result r : run(List.of(name), connections, size, warmup, seconds)) {
        System.out.printf(
            Locale.ROOT,
            "%-18s %10.0f round trips/s (%d in %.1f s), %6.1f us CPU per round trip%n",
            r.server(),
            r.perSecond(),
            r.roundTrips(),
            r.seconds(),
            r.cpuMicrosPerRoundTrip());
      }
    }
  }

  /** Runs the load against each named server in turn; servers this JDK cannot run are skipped. */
  static List<Result> run(
      List<String> servers, int connections, int size, double warmup, double seconds)
      throws Exception {
    List<Result> results = new ArrayList<>();
    for (String name : servers) {
      EchoServer server = start(name);
      if (server == null) {
        System.out.printf(Locale.ROOT, "%-18s skipped (needs JDK 21+)%n", name);
        continue;
      }
      try {
        long cpu = processCpuNanos();
        Counter counter =
            Asyncio.run(
                EchoBenchAsync.load(
                    server.port(),
                    connections,
                    size,
                    (long) (warmup * 1e9),
                    (long) ((warmup + seconds) * 1e9)));
        cpu = processCpuNanos() - cpu;
        results.add(new Result(name, counter.roundTrips, seconds, counter.total, cpu));
      } finally {
        server.close();
      }
    }
    return results;
  }

  static EchoServer start(String name) throws Exception {
    switch (name) {
      case "asyncio4j":
        return StreamsEchoServer.start();
      case "netty":
        if (tls != null) {
          throw new IllegalArgumentException("server: netty has no TLS variant here");
        }
        return NettyEchoServer.start();
      case "virtual-threads":
        return tls != null
            ? BlockingEchoServer.tlsOnVirtualThreads(tls.server)
            : BlockingEchoServer.onVirtualThreads();
      case "platform-threads":
        return BlockingEchoServer.onPlatformThreads();
      default:
        throw new IllegalArgumentException(
            "server: "
                + name
                + " (expected: asyncio4j, netty, virtual-threads or platform-threads)");
    }
  }

  // ---------------------------------------------------------------- the load generator

  /** Counts the round trips of all connections completed between warm-up end and the end. */
  static final class Counter {
    long roundTrips;
    long total;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Async
  static Counter load(int port, int connections, int size, long warmupNanos, long endNanos) {
    EventLoop loop = Asyncio.getRunningLoop();
    List<StreamPair> conns = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      conns.add(
          tls == null
              ? await(Streams.openConnection("127.0.0.1", port))
              : await(
                  Streams.openConnection("localhost", port, StreamOptions.defaults(), tls.client)));
    }
    // The clock starts once every connection is up: over TLS, a hundred handshakes on a loaded
    // machine take seconds, which would otherwise eat the warm-up and the window.
    long start = loop.time();
    Counter counter = new Counter();
    List<Task<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      tasks.add(
          Asyncio.createTask(
              EchoBenchAsync.pingPong(
                  conns.get(i), size, i, counter, start + warmupNanos, start + endNanos)));
    }
    for (Task<Void> t : tasks) {
      await(t);
    }
    return counter;
  }

  @Async
  static void pingPong(StreamPair conn, int size, int id, Counter counter, long countFrom, long end)
      throws IOException {
    EventLoop loop = Asyncio.getRunningLoop();
    byte[] message = new byte[size];
    Arrays.fill(message, (byte) ('a' + id % 26));
    long now = loop.time();
    while (now < end) {
      conn.writer().write(message);
      await(conn.writer().drain());
      byte[] echo = await(conn.reader().readExactly(size));
      if (!Arrays.equals(message, echo)) {
        throw new IOException("connection " + id + ": wrong echo");
      }
      now = loop.time();
      counter.total++;
      if (now >= countFrom && now < end) {
        counter.roundTrips++;
      }
    }
    conn.writer().close();
    await(conn.writer().waitClosed());
  }

  // ---------------------------------------------------------------- asyncio4j server

  /** The streams echo server on its own loop thread. */
  static final class StreamsEchoServer implements EchoServer {
    private final EventLoop loop = new EventLoop();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread thread;

    private StreamsEchoServer() {
      thread =
          new Thread(
              () -> {
                try {
                  Asyncio.run(EchoBenchAsync.serve(port), loop);
                } catch (RuntimeException stopped) {
                  port.completeExceptionally(stopped);
                }
              },
              "asyncio4j-echo-server");
      thread.setDaemon(true);
    }

    static StreamsEchoServer start() throws Exception {
      StreamsEchoServer s = new StreamsEchoServer();
      s.thread.start();
      s.port.get(10, TimeUnit.SECONDS);
      return s;
    }

    @Override
    public int port() {
      return port.join();
    }

    @Override
    public void close() throws InterruptedException {
      loop.callSoonThreadsafe(() -> Asyncio.allTasks().forEach(Task::cancel));
      thread.join(10_000);
    }
  }

  @Async
  static void serve(CompletableFuture<Integer> port) {
    Server server =
        tls == null
            ? await(Streams.startServer(EchoBenchAsync::echo, "127.0.0.1", 0))
            : await(
                Streams.startServer(
                    EchoBenchAsync::echo, "127.0.0.1", 0, StreamOptions.defaults(), tls.server));
    port.complete(server.port());
    await(server.serveForever());
  }

  @Async
  static void echo(StreamReader reader, StreamWriter writer) {
    while (true) {
      byte[] data = await(reader.read(65536));
      if (data.length == 0) {
        return;
      }
      writer.write(data);
      await(writer.drain());
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("usage: --name value ... (got " + args[i] + ")");
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }
}
