package io.asyncio4j.examples.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledException;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EchoServerTest {
  @Test
  @Timeout(10)
  void theServerEchoesLinesToPlainBlockingClientsUntilCancelled() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    EventLoop loop = new EventLoop();
    List<Throwable> ended = new ArrayList<>();
    Thread server =
        new Thread(
            () -> {
              try {
                loop.runUntilComplete(EchoServerAsync.serve("127.0.0.1", port, out));
              } catch (CancelledException e) {
                ended.add(e);
              } finally {
                loop.close();
              }
            });
    server.start();
    while (bytes.size() == 0) {
      Thread.sleep(5); // until the server prints that it listens
    }
    List<String> replies = new ArrayList<>();
    try (Socket a = new Socket("127.0.0.1", port);
        Socket b = new Socket("127.0.0.1", port)) {
      BufferedReader ra =
          new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8));
      BufferedReader rb =
          new BufferedReader(new InputStreamReader(b.getInputStream(), StandardCharsets.UTF_8));
      a.getOutputStream().write("one\n".getBytes(StandardCharsets.UTF_8));
      b.getOutputStream().write("two\n".getBytes(StandardCharsets.UTF_8));
      replies.add(rb.readLine());
      replies.add(ra.readLine());
    }
    assertEquals(List.of("two", "one"), replies);
    loop.callSoonThreadsafe(() -> Asyncio.allTasks().forEach(Task::cancel));
    server.join(5000);
    assertFalse(server.isAlive());
    assertEquals(1, ended.size());
    assertEquals(
        "serving on /127.0.0.1:" + port + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }
}
