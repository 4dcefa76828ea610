package io.asyncio4j.examples.net;

import static io.asyncio4j.Asyncio.await;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Streams;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * A line echo client. Without arguments it starts an {@link EchoServer} in the same loop and talks
 * to it; with {@code host port message...} it talks to a running server.
 */
public final class EchoClient {
  private EchoClient() {}

  /** Sends each message as a line and prints the echo. */
  @Async
  static void talk(String host, int port, List<String> messages, PrintStream out) {
    StreamPair conn = await(Streams.openConnection(host, port));
    for (String m : messages) {
      conn.writer().write((m + "\n").getBytes(UTF_8));
      await(conn.writer().drain());
      byte[] echo = await(conn.reader().readLine());
      out.println("sent " + m + ", got back " + new String(echo, UTF_8).strip());
    }
    conn.writer().close();
    await(conn.writer().waitClosed());
    out.println("closed");
  }

  /** The self-contained demo: a server on a free port, one client, then shut down. */
  @Async
  static void demo(PrintStream out) {
    Server server = EchoServer.start("127.0.0.1", 0);
    talk("127.0.0.1", server.port(), List.of("hello", "asyncio4j", "bye"), out);
    server.close();
    await(server.waitClosed());
    out.println("server closed, connections left: " + server.activeConnections());
  }

  public static void main(String[] args) {
    if (args.length >= 3) {
      List<String> messages = Arrays.asList(args).subList(2, args.length);
      Asyncio.run(EchoClientAsync.talk(args[0], Integer.parseInt(args[1]), messages, System.out));
    } else {
      Asyncio.run(EchoClientAsync.demo(System.out));
    }
  }
}
