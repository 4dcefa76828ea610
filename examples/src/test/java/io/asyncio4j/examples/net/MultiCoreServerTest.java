package io.asyncio4j.examples.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.EventLoopGroup;
import io.asyncio4j.streams.GroupServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MultiCoreServerTest {
  @Test
  @Timeout(30)
  void connectionsAreServedOnEveryLoopAndStatsAsksAnotherLoop() throws Exception {
    try (EventLoopGroup group = new EventLoopGroup(2)) {
      MultiCoreServer app = new MultiCoreServer(group);
      GroupServer server = group.run(MultiCoreServerAsync.start(app, "127.0.0.1", 0));
      Set<String> loops = new TreeSet<>();
      for (int i = 0; i < 64 && loops.size() < 2; i++) {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
          BufferedReader in =
              new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          s.getOutputStream().write(("hello " + i + "\nstats\n").getBytes(StandardCharsets.UTF_8));
          String hello = in.readLine();
          String loop = hello.substring(0, hello.indexOf(':'));
          assertEquals(loop + ": hello " + i, hello);
          String stats = in.readLine();
          assertTrue(
              stats.matches(loop + ": stats \\| asked asyncio4j-group-\\d+-loop-[01]"), stats);
          loops.add(loop);
        }
      }
      assertEquals(2, loops.size(), "all connections landed on one loop: " + loops);
    }
  }
}
