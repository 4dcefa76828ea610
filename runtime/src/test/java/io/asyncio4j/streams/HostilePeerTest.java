package io.asyncio4j.streams;

import static io.asyncio4j.streams.Cps.then;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server facing peers that lie, stall or exhaust resources, over real loopback sockets. */
class HostilePeerTest {
  private static final String HOST = "127.0.0.1";

  @Test
  @Timeout(10)
  void aLengthHeaderOfTwoGibibytesCostsOnlyTheBytesThatArrive() {
    List<String> got = new ArrayList<>();
    long allocatedBefore = allocatedBytes();
    Asyncio.run(
        Cps.of(
            () -> {
              Future<Void> handled = Asyncio.getRunningLoop().createFuture();
              return then(
                  Streams.startServer(
                      (r, w) ->
                          Cps.of(
                              () ->
                                  then(
                                      r.readExactly(4),
                                      h ->
                                          then(
                                              r.readExactly(ByteBuffer.wrap((byte[]) h).getInt()),
                                              body -> null,
                                              e -> {
                                                IncompleteReadException ire =
                                                    (IncompleteReadException) e;
                                                got.add(
                                                    ire.partial().length + " of " + ire.expected());
                                                handled.setResult(null);
                                                return null;
                                              }))),
                      HOST,
                      0),
                  sv -> {
                    Socket peer = new Socket(HOST, ((Server) sv).port());
                    DataOutputStream out = new DataOutputStream(peer.getOutputStream());
                    out.writeInt(Integer.MAX_VALUE - 8);
                    out.write(new byte[1000]);
                    out.flush();
                    peer.close();
                    return then(handled, v -> null);
                  });
            }));
    assertEquals(List.of("1000 of " + (Integer.MAX_VALUE - 8)), got);
    long allocated = allocatedBytes() - allocatedBefore;
    assertTrue(allocated < 64 << 20, "the loop thread allocated " + allocated + " bytes");
  }

  @Test
  @Timeout(10)
  void acceptFailingForWantOfDescriptorsBacksOffReportsOncePerBackOffAndRecovers() {
    List<String> got = new ArrayList<>();
    long[] firstFailure = new long[1];
    String echoed =
        Asyncio.run(
            Cps.of(
                () -> {
                  EventLoop loop = Asyncio.getRunningLoop();
                  loop.setExceptionHandler(
                      (l, ctx) -> got.add(ctx.message() + ": " + ctx.exception().getMessage()));
                  return then(
                      Streams.startServer(
                          (r, w) ->
                              Cps.of(
                                  () ->
                                      then(
                                          r.readLine(),
                                          l -> {
                                            w.write((byte[]) l);
                                            return null;
                                          })),
                          HOST,
                          0),
                      sv -> {
                        Server server = (Server) sv;
                        server.acceptRetryDelay = Duration.ofMillis(30);
                        int[] failuresLeft = {3};
                        server.acceptor =
                            ch -> {
                              if (failuresLeft[0]-- > 0) {
                                if (failuresLeft[0] == 2) {
                                  firstFailure[0] = loop.time();
                                }
                                throw new IOException("Too many open files");
                              }
                              SocketChannel c = ch.accept();
                              if (c != null) {
                                long backOffs = (loop.time() - firstFailure[0]) / 30_000_000;
                                got.add("accepted after " + Math.min(backOffs, 3) + " back-offs");
                              }
                              return c;
                            };
                        return then(
                            Streams.openConnection(HOST, server.port()),
                            p -> {
                              StreamPair pair = (StreamPair) p;
                              pair.writer().write("hi\n".getBytes(US_ASCII));
                              return then(
                                  pair.reader().readLine(),
                                  l -> {
                                    pair.writer().close();
                                    server.close();
                                    return new String((byte[]) l, US_ASCII);
                                  });
                            });
                      });
                }));
    assertEquals("hi\n", echoed);
    String report =
        "accept() failed (out of file descriptors?); accepting again in PT0.03S: Too many open"
            + " files";
    assertEquals(List.of(report, report, report), got.subList(0, 3));
    assertEquals(4, got.size());
    // Three pauses of 30 ms at least (more on a loaded machine); without them: at once.
    assertEquals("accepted after 3 back-offs", got.get(3));
  }

  @Test
  @Timeout(10)
  void aLeakedConnectionWhosePeerClosedIsClosedWithTheLoopAndReportedInDebugMode()
      throws Exception {
    List<String> warnings = new ArrayList<>();
    Logger jul = Logger.getLogger(EventLoop.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            warnings.add(r.getLevel() + " " + r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(capture);
    try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      EventLoop loop = new EventLoop();
      loop.setDebug(true);
      StreamWriter leaked =
          Asyncio.run(
              Cps.of(
                  () ->
                      then(
                          Streams.openConnection(HOST, peer.getLocalPort()),
                          p -> {
                            StreamPair pair = (StreamPair) p;
                            peer.accept().close();
                            // Read to EOF, then "forget" to close: the socket sits in CLOSE-WAIT.
                            return then(pair.reader().read(-1), x -> pair.writer());
                          })),
              loop);
      assertNull(leaked.localAddress(), "the socket is closed");
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(
          warnings.get(0).startsWith("WARNING unclosed java.nio.channels.SocketChannel[connected"),
          warnings.get(0));
      assertTrue(warnings.get(0).endsWith("; EventLoop.close() closed it"), warnings.get(0));
    } finally {
      jul.removeHandler(capture);
    }
  }

  /** Bytes allocated by the calling thread, the one that runs the loop. */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
