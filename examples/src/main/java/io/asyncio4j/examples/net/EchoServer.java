package io.asyncio4j.examples.net;

import static io.asyncio4j.Asyncio.await;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Streams;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A line echo server: every connection runs {@link #handle} as its own task, on one thread.
 *
 * <pre>
 * mvn -q -pl examples exec:java \
 *     -Dexec.mainClass=io.asyncio4j.examples.net.EchoServer -Dexec.args=8888
 * </pre>
 */
public final class EchoServer {
  private EchoServer() {}

  /** Echoes each line back until the client closes its side. */
  @Async
  static void handle(StreamReader reader, StreamWriter writer) {
    for (String line : reader.lines()) { // async for line in reader: (ends at EOF)
      writer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      await(writer.drain()); // backpressure: waits while the client does not read
    }
  } // the server closes the connection when the handler returns

  /** Starts listening ({@code port} 0: any free port); the server runs until closed. */
  @Async
  public static Server start(String host, int port) {
    return await(Streams.startServer(EchoServerAsync::handle, host, port));
  }

  /** Serves until the task is cancelled (Ctrl-C ends the process). */
  @Async
  static void serve(String host, int port, PrintStream out) {
    Server server = start(host, port);
    out.println("serving on " + server.localAddress());
    await(server.serveForever());
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
    Asyncio.run(EchoServerAsync.serve("127.0.0.1", port, System.out));
  }
}
