package io.asyncio4j.benchmarks.net;

import static io.asyncio4j.Asyncio.await;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamOptions;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Streams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a hostile peer costs a server in heap, per connection, with the default limits: N peers (a
 * Python process, so that only the server is in this heap) connect, each sends as fast as it can
 * and never reads, while the handler reads one byte and then sleeps. The server's reader fills to
 * its limit and stops reading (the rest waits in the kernel); the figure is the heap used after a
 * GC, minus the baseline, over N; also for peers that connect and stay silent.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.asyncio4j.benchmarks.net.ServerMemoryBench \
 *     [--connections 500] [--tls true]
 * </pre>
 */
public final class ServerMemoryBench {
  private ServerMemoryBench() {}

  private static final String PEERS =
      "import socket, ssl, sys, time\n"
          + "port, n, tls, send = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == 'true',"
          + " sys.argv[4] == 'true'\n"
          + "ctx = ssl.create_default_context(); ctx.check_hostname = False;"
          + " ctx.verify_mode = ssl.CERT_NONE\n"
          + "socks = []\n"
          + "for i in range(n):\n"
          + "  s = socket.create_connection(('127.0.0.1', port))\n"
          + "  if tls:\n"
          + "    s = ctx.wrap_socket(s, server_hostname='localhost')\n"
          + "  s.setblocking(False)\n"
          + "  socks.append(s)\n"
          + "chunk = b'x' * 65536\n"
          + "if send:\n"
          + "  for r in range(40):\n"
          + "    for s in socks:\n"
          + "      try:\n"
          + "        s.send(chunk)\n"
          + "      except (BlockingIOError, ssl.SSLWantWriteError, ssl.SSLWantReadError):\n"
          + "        pass\n"
          + "    time.sleep(0.05)\n"
          + "print('ready', flush=True)\n"
          + "sys.stdin.readline()\n";

  public static void main(String[] args) throws Exception {
    int n = 500;
    boolean tls = false;
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--connections")) {
        n = Integer.parseInt(args[i + 1]);
      } else if (args[i].equals("--tls")) {
        tls = Boolean.parseBoolean(args[i + 1]);
      }
    }
    BenchTls certs = tls ? BenchTls.create() : null;
    Path script = Files.createTempFile("peers", ".py");
    Files.writeString(script, PEERS);
    for (boolean send : new boolean[] {false, true}) {
      long perConnection =
          Asyncio.run(ServerMemoryBenchAsync.measure(n, certs, script.toString(), send));
      System.out.printf(
          Locale.ROOT,
          "%s, %d %s peers: %,d bytes of heap per connection%n",
          tls ? "TLS" : "TCP",
          n,
          send ? "flooding" : "silent",
          perConnection);
    }
    Files.delete(script);
  }

  @Async
  static long measure(int n, BenchTls certs, String script, boolean send)
      throws IOException, InterruptedException {
    StreamOptions defaults = StreamOptions.defaults();
    Server server =
        certs == null
            ? await(Streams.startServer(ServerMemoryBenchAsync::stall, "127.0.0.1", 0))
            : await(
                Streams.startServer(
                    ServerMemoryBenchAsync::stall, "127.0.0.1", 0, defaults, certs.server));
    long baseline = usedAfterGc();
    Process peers =
        new ProcessBuilder(
                "python3",
                script,
                String.valueOf(server.port()),
                String.valueOf(n),
                String.valueOf(certs != null),
                String.valueOf(send))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(peers.getInputStream(), StandardCharsets.UTF_8));
    String ready = await(Asyncio.toThread(out::readLine));
    if (!"ready".equals(ready)) {
      throw new IOException("peers failed: " + ready);
    }
    await(Asyncio.sleep(Duration.ofSeconds(1))); // the last bytes in flight, reading paused
    if (server.activeConnections() != n) {
      throw new IOException(server.activeConnections() + " connections, expected " + n);
    }
    long used = usedAfterGc() - baseline;
    peers.getOutputStream().close();
    peers.waitFor();
    server.close();
    server.abortClients();
    await(server.waitClosed());
    return used / n;
  }

  /** Reads one byte, then sleeps: the peer's bytes pile up in the reader, up to its limit. */
  @Async
  static void stall(StreamReader reader, StreamWriter writer) {
    byte[] first = await(reader.read(1));
    if (first.length == 0) {
      return; // a silent peer left
    }
    await(Asyncio.sleep(Duration.ofHours(1)));
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
