package io.asyncio4j.benchmarks.net;

import static io.asyncio4j.Asyncio.await;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledException;
import io.asyncio4j.EventLoopGroup;
import io.asyncio4j.Task;
import io.asyncio4j.streams.GroupServer;
import io.asyncio4j.streams.IncompleteReadException;
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

/**
 * Echo throughput and latency percentiles of servers that use every core, in one run: an asyncio4j
 * server on an {@link EventLoopGroup} of 1 loop and of N loops ({@code Streams.startServer(group,
 * ...)}), Netty with N NIO event loops, and a blocking server on virtual threads (JDK 21+).
 *
 * <p>Every server reads fixed-size messages ({@code --size} bytes), does {@code --work-us}
 * microseconds of CPU work per message (0: a pure echo; 50: a CPU-heavy mix) and writes the message
 * back. The load generator is the same for all: an asyncio4j group of {@code --client-loops} loops,
 * {@code --connections} connections spread over them, each doing write, drain, readExactly in a
 * loop; it times every round trip after the warm-up.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.asyncio4j.benchmarks.net.GroupEchoBench \
 *     [--connections 1000] [--size 1024] [--loops N] [--client-loops 1] [--work-us 0] \
 *     [--warmup 2] [--seconds 5] [--servers asyncio4j-1,asyncio4j-N,netty-N,virtual-threads]
 * </pre>
 */
public final class GroupEchoBench {
  private GroupEchoBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = EchoBench.parse(args);
    int cores = Runtime.getRuntime().availableProcessors();
    int connections = Integer.parseInt(o.getOrDefault("connections", "1000"));
    int size = Integer.parseInt(o.getOrDefault("size", "1024"));
    int loops = Integer.parseInt(o.getOrDefault("loops", String.valueOf(cores)));
    int clientLoops = Integer.parseInt(o.getOrDefault("client-loops", "1"));
    int workMicros = Integer.parseInt(o.getOrDefault("work-us", "0"));
    double warmup = Double.parseDouble(o.getOrDefault("warmup", "2"));
    double seconds = Double.parseDouble(o.getOrDefault("seconds", "5"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
    List<String> servers =
        Arrays.asList(
            o.getOrDefault("servers", "asyncio4j-1,asyncio4j-N,netty-N,virtual-threads")
                .split(","));
    System.out.printf(
        Locale.ROOT,
        "GroupEchoBench: %d connections, %d-byte messages, %d us work each, N=%d server loops,"
            + " %d client loops, %.1f s warm-up + %.1f s, %d interleaved rounds (median), JDK %s,"
            + " %d cores%n",
        connections,
        size,
        workMicros,
        loops,
        clientLoops,
        warmup,
        seconds,
        rounds,
        Runtime.version(),
        cores);
    Map<String, List<Stats>> results = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String name : servers) {
        Stats st = measure(name, connections, size, loops, clientLoops, workMicros, warmup, seconds);
        if (st != null) {
          results.computeIfAbsent(name, k -> new ArrayList<>()).add(st);
        }
      }
    }
    for (Map.Entry<String, List<Stats>> e : results.entrySet()) {
      List<Stats> rs = new ArrayList<>(e.getValue());
      rs.sort(java.util.Comparator.comparingInt(x -> x.count));
      Stats median = rs.get(rs.size() / 2);
      StringBuilder spread = new StringBuilder();
      for (Stats x : e.getValue()) {
        spread.append(spread.length() == 0 ? "" : " ").append(Math.round(x.count / seconds));
      }
      System.out.printf(
          Locale.ROOT,
          "%-16s %10.0f round trips/s  p50 %7.0f us  p99 %7.0f us  p99.9 %7.0f us  (rounds: %s)%n",
          e.getKey(),
          median.count / seconds,
          median.percentile(50) / 1e3,
          median.percentile(99) / 1e3,
          median.percentile(99.9) / 1e3,
          spread);
    }
  }

  /** One measurement of the named server, or null if this JDK cannot run it. */
  static Stats measure(
      String name,
      int connections,
      int size,
      int loops,
      int clientLoops,
      int workMicros,
      double warmup,
      double seconds)
      throws Exception {
    EchoBench.EchoServer server;
    switch (name) {
      case "asyncio4j-1":
      case "asyncio4j-N":
        server = new AsyncioServer(name.endsWith("-1") ? 1 : loops, size, workMicros);
        break;
      case "netty-N":
        server = NettyEchoServer.start(loops, size, workMicros);
        break;
      case "virtual-threads":
        server = BlockingEchoServer.onVirtualThreads(size, workMicros);
        if (server == null) {
          return null; // needs JDK 21+
        }
        break;
      default:
        throw new IllegalArgumentException(
            "server: " + name + " (expected: asyncio4j-1, asyncio4j-N, netty-N, virtual-threads)");
    }
    try {
      return load(server.port(), connections, size, clientLoops, warmup, seconds);
    } finally {
      server.close();
    }
  }

  // ---------------------------------------------------------------- load generator

  /** Round-trip times (ns) recorded by one client loop; merged after the run. */
  static final class Stats {
    long[] samples = new long[1 << 16];
    int count;

    void add(long nanos) {
      if (count == samples.length) {
        samples = Arrays.copyOf(samples, count * 2);
      }
      samples[count++] = nanos;
    }

    double percentile(double p) {
      if (count == 0) {
        return Double.NaN;
      }
      long[] s = Arrays.copyOf(samples, count);
      Arrays.sort(s);
      int i = (int) Math.ceil(p / 100 * count) - 1;
      return s[Math.max(0, Math.min(count - 1, i))];
    }

    static Stats merge(List<Stats> all) {
      Stats m = new Stats();
      for (Stats s : all) {
        for (int i = 0; i < s.count; i++) {
          m.add(s.samples[i]);
        }
      }
      return m;
    }
  }

  static Stats load(
      int port, int connections, int size, int clientLoops, double warmup, double seconds)
      throws Exception {
    try (EventLoopGroup clients = new EventLoopGroup(clientLoops)) {
      long startNanos = System.nanoTime();
      long countFrom = startNanos + (long) (warmup * 1e9);
      long end = countFrom + (long) (seconds * 1e9);
      List<CompletableFuture<Stats>> parts = new ArrayList<>();
      for (int l = 0; l < clientLoops; l++) {
        int share = connections / clientLoops + (l < connections % clientLoops ? 1 : 0);
        parts.add(
            Asyncio.runCoroutineThreadsafe(
                GroupEchoBenchAsync.clientLoop(port, share, size, countFrom, end),
                clients.loops().get(l)));
      }
      List<Stats> all = new ArrayList<>();
      for (CompletableFuture<Stats> p : parts) {
        all.add(p.get());
      }
      return Stats.merge(all);
    }
  }

  @Async
  static Stats clientLoop(int port, int connections, int size, long countFrom, long end) {
    Stats stats = new Stats();
    List<Task<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      StreamPair conn = await(Streams.openConnection("127.0.0.1", port));
      tasks.add(
          Asyncio.createTask(GroupEchoBenchAsync.pingPong(conn, size, i, stats, countFrom, end)));
    }
    for (Task<Void> t : tasks) {
      await(t);
    }
    return stats;
  }

  @Async
  static void pingPong(StreamPair conn, int size, int id, Stats stats, long countFrom, long end)
      throws IOException {
    byte[] message = new byte[size];
    Arrays.fill(message, (byte) ('a' + id % 26));
    long now = System.nanoTime();
    while (now < end) {
      long sent = now;
      conn.writer().write(message);
      await(conn.writer().drain());
      byte[] echo = await(conn.reader().readExactly(size));
      if (!Arrays.equals(message, echo)) {
        throw new IOException("connection " + id + ": wrong echo");
      }
      now = System.nanoTime();
      if (sent >= countFrom && now < end) {
        stats.add(now - sent);
      }
    }
    conn.writer().close();
    await(conn.writer().waitClosed());
  }

  /** Spins for about {@code micros} microseconds: the per-request CPU work of the mix. */
  static void work(int micros) {
    if (micros <= 0) {
      return;
    }
    long until = System.nanoTime() + micros * 1000L;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  // ---------------------------------------------------------------- servers

  /** The asyncio4j server on a group of {@code loops} loops. */
  static final class AsyncioServer implements EchoBench.EchoServer {
    final EventLoopGroup group;
    final GroupServer server;
    final int port;

    AsyncioServer(int loops, int size, int workMicros) {
      group = new EventLoopGroup(loops);
      server =
          group.run(
              Streams.startServer(
                  group,
                  (r, w) -> GroupEchoBenchAsync.echo(r, w, size, workMicros),
                  "127.0.0.1",
                  0));
      port = server.port();
    }

    @Override
    public int port() {
      return port;
    }

    @Override
    public void close() {
      group.close();
    }
  }

  @Async
  static void echo(StreamReader reader, StreamWriter writer, int size, int workMicros) {
    while (true) {
      byte[] data;
      try {
        data = await(reader.readExactly(size));
      } catch (CancelledException c) {
        throw c;
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception eof) { // await(...) declares no checked exception: IncompleteRead here
        if (eof instanceof IncompleteReadException) {
          return; // the client closed its side
        }
        throw new IllegalStateException(eof);
      }
      work(workMicros);
      writer.write(data);
      await(writer.drain());
    }
  }


}
