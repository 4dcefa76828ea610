package io.asyncio4j.examples.net;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.runOn;

import io.asyncio4j.Async;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopGroup;
import io.asyncio4j.streams.GroupServer;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Streams;
import java.nio.charset.StandardCharsets;

/**
 * A line server on every core: one event loop per core ({@link EventLoopGroup}), the connections
 * spread over the loops by the kernel, each connection's handler entirely on its loop. A line
 * {@code "stats"} is answered by handing a job to another loop of the group and awaiting it.
 *
 * <pre>
 * mvn -q -pl examples exec:java \
 *     -Dexec.mainClass=io.asyncio4j.examples.net.MultiCoreServer -Dexec.args=8888
 * </pre>
 */
public final class MultiCoreServer {
  private final EventLoopGroup group;

  MultiCoreServer(EventLoopGroup group) {
    this.group = group;
  }

  /** Answers each line with the loop that served it; "stats" also asks another loop. */
  @Async
  void handle(StreamReader reader, StreamWriter writer) {
    while (true) {
      byte[] line = await(reader.readLine());
      if (line.length == 0) {
        return;
      }
      String text = new String(line, StandardCharsets.UTF_8).strip();
      String answer = Thread.currentThread().getName() + ": " + text;
      if (text.equals("stats")) {
        EventLoop other = group.next();
        answer += " | " + await(runOn(other, MultiCoreServerAsync.describeLoop()));
      }
      writer.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
      await(writer.drain());
    }
  }

  /** Runs on the loop it was handed to. */
  @Async
  static String describeLoop() {
    return "asked " + Thread.currentThread().getName();
  }

  /** Starts the server on every loop of the group ({@code port} 0: any free port). */
  @Async
  GroupServer start(String host, int port) {
    return await(Streams.startServer(group, (r, w) -> MultiCoreServerAsync.handle(this, r, w), host, port));
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
    try (EventLoopGroup group = new EventLoopGroup()) {
      MultiCoreServer app = new MultiCoreServer(group);
      GroupServer server = group.run(MultiCoreServerAsync.start(app, "127.0.0.1", port));
      System.out.println(
          "serving on " + server.localAddress() + " with " + group.size() + " event loops");
      Runtime.getRuntime().addShutdownHook(new Thread(group::close));
      Thread.currentThread().join(); // until Ctrl-C
    }
  }
}
