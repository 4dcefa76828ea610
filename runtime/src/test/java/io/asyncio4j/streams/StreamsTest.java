package io.asyncio4j.streams;

import static io.asyncio4j.streams.Cps.then;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.AsyncTimeoutException;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledException;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streams over real loopback sockets on a real-time loop. */
class StreamsTest {
  private static final String HOST = "127.0.0.1";

  private static byte[] b(String s) {
    return s.getBytes(US_ASCII);
  }

  private static String s(Object bytes) {
    return new String((byte[]) bytes, US_ASCII);
  }

  private static <T> T run(Cps.Body body) {
    return Asyncio.run(Cps.<T>of(body));
  }

  private static BiFunction<StreamReader, StreamWriter, Coroutine<?>> handler(
      BiFunction<StreamReader, StreamWriter, Object> body) {
    return (r, w) -> Cps.of(() -> body.apply(r, w));
  }

  /** Echoes lines until EOF. */
  private static Object echoLines(StreamReader r, StreamWriter w) {
    return then(
        r.readLine(),
        l -> {
          byte[] line = (byte[]) l;
          if (line.length == 0) {
            return null;
          }
          w.write(line);
          return then(w.drain(), v -> echoLines(r, w));
        });
  }

  @Test
  @Timeout(20)
  void echoesTenThousandMessagesOverAHundredConnectionsInOrder() {
    int connections = 100;
    int messages = 100;
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    int ok =
        run(
            () ->
                then(
                    Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                    sv -> {
                      Server server = (Server) sv;
                      List<Task<Integer>> clients = new ArrayList<>();
                      for (int c = 0; c < connections; c++) {
                        int id = c;
                        clients.add(
                            Asyncio.createTask(
                                Cps.of(() -> client(server.port(), id, messages, failures))));
                      }
                      return awaitAll(clients, 0, 0, server);
                    }));
    assertEquals(List.of(), failures);
    assertEquals(connections * messages, ok);
  }

  private static Object client(int port, int id, int messages, List<String> failures) {
    return then(
        Streams.openConnection(HOST, port),
        p -> {
          StreamPair pair = (StreamPair) p;
          // Half the messages pipelined in one go, then ping-pong for the rest.
          StringBuilder burst = new StringBuilder();
          for (int m = 0; m < messages / 2; m++) {
            burst.append("c").append(id).append("-m").append(m).append('\n');
          }
          pair.writer().write(b(burst.toString()));
          return then(pair.writer().drain(), v -> expect(pair, id, 0, messages, 0, failures));
        });
  }

  private static Object expect(
      StreamPair pair, int id, int m, int messages, int ok, List<String> failures) {
    if (m == messages) {
      pair.writer().close();
      return then(pair.writer().waitClosed(), v -> ok);
    }
    if (m >= messages / 2) {
      pair.writer().write(b("c" + id + "-m" + m + "\n"));
    }
    return then(
        pair.reader().readLine(),
        l -> {
          String want = "c" + id + "-m" + m + "\n";
          boolean good = want.equals(s(l));
          if (!good) {
            failures.add("connection " + id + ": expected " + want.strip() + ", got " + s(l));
          }
          return expect(pair, id, m + 1, messages, ok + (good ? 1 : 0), failures);
        });
  }

  private static Object awaitAll(List<Task<Integer>> tasks, int i, int sum, Server server) {
    if (i == tasks.size()) {
      server.close();
      return then(server.waitClosed(), v -> sum);
    }
    return then(tasks.get(i), n -> awaitAll(tasks, i + 1, sum + (Integer) n, server));
  }

  @Test
  @Timeout(10)
  void halfCloseLetsTheReaderSeeEofAndStillWrite() {
    List<String> got = new ArrayList<>();
    run(
        () ->
            then(
                Streams.startServer(
                    handler(
                        (r, w) ->
                            then(
                                r.read(-1),
                                req -> {
                                  got.add("server read " + s(req) + " atEof=" + r.atEof());
                                  w.write(b("response to " + s(req)));
                                  return null; // the server closes the connection after the handler
                                })),
                    HOST,
                    0),
                sv ->
                    then(
                        Streams.openConnection(HOST, ((Server) sv).port()),
                        p -> {
                          StreamPair pair = (StreamPair) p;
                          pair.writer().write(b("request"));
                          pair.writer().writeEof();
                          assertThrows(
                              IllegalStateException.class, () -> pair.writer().write(b("x")));
                          return then(
                              pair.reader().read(-1),
                              resp -> {
                                got.add("client read " + s(resp));
                                ((Server) sv).close();
                                pair.writer().close();
                                return then(pair.writer().waitClosed(), v -> null);
                              });
                        })));
    assertEquals(List.of("server read request atEof=true", "client read response to request"), got);
  }

  @Test
  @Timeout(10)
  void aPeerResetMidReadRaisesConnectionReset() {
    List<Throwable> errors = new ArrayList<>();
    run(
        () -> {
          Future<Void> handled = Asyncio.getRunningLoop().createFuture();
          return then(
              Streams.startServer(
                  handler(
                      (r, w) ->
                          then(
                              r.readExactly(100),
                              x -> null,
                              e -> {
                                errors.add(e);
                                return then(
                                    w.waitClosed(),
                                    v -> null,
                                    closedWith -> {
                                      errors.add(closedWith);
                                      handled.setResult(null);
                                      return null;
                                    });
                              })),
                  HOST,
                  0),
              sv -> {
                Socket peer = new Socket(HOST, ((Server) sv).port());
                peer.getOutputStream().write(new byte[10]);
                return then(
                    Asyncio.sleep(Duration.ofMillis(50)),
                    v -> {
                      peer.setSoLinger(true, 0);
                      peer.close();
                      return then(handled, h -> null);
                    });
              });
        });
    assertEquals(2, errors.size());
    assertInstanceOf(SocketException.class, errors.get(0));
    assertEquals("Connection reset", errors.get(0).getMessage());
    assertEquals(errors.get(0), errors.get(1));
  }

  @Test
  @Timeout(20)
  void aClientThatSendsTenMegabytesWithoutReadingNeitherGrowsTheServersBuffersNorStallsOthers()
      throws Exception {
    int total = 10 * 1024 * 1024;
    StreamOptions opts = StreamOptions.defaults().withSocketBufferSizes(64 * 1024, 64 * 1024);
    AtomicLong sent = new AtomicLong();
    AtomicLong echoed = new AtomicLong();
    long[] max = new long[2]; // reader buffered, writer queued
    long[] serverReadAtStall = {-1};
    CountDownLatch startReading = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> clientErrors = new ConcurrentLinkedQueue<>();
    List<StreamReader> serverReaders = new ArrayList<>();
    List<StreamWriter> serverWriters = new ArrayList<>();
    long[] serverRead = {0};
    List<String> duringStall = new ArrayList<>();
    run(
        () -> {
          EventLoop loop = Asyncio.getRunningLoop();
          Future<Void> clientDone = loop.createFuture();
          BiFunction<StreamReader, StreamWriter, Coroutine<?>> echo =
              handler(
                  (r, w) -> {
                    serverReaders.add(r);
                    serverWriters.add(w);
                    return echoChunks(r, w, max, serverRead);
                  });
          return then(
              Streams.startServer(echo, HOST, 0, opts),
              sv -> {
                Server server = (Server) sv;
                Thread client =
                    new Thread(
                        () -> {
                          try (Socket sock = new Socket()) {
                            sock.setReceiveBufferSize(64 * 1024);
                            sock.setSendBufferSize(64 * 1024);
                            sock.connect(new InetSocketAddress(HOST, server.port()));
                            Thread reader =
                                new Thread(
                                    () -> {
                                      try {
                                        startReading.await();
                                        InputStream in = sock.getInputStream();
                                        byte[] buf = new byte[65536];
                                        long pos = 0;
                                        int n;
                                        while ((n = in.read(buf)) > 0) {
                                          for (int i = 0; i < n; i++) {
                                            if (buf[i] != (byte) ((pos + i) % 251)) {
                                              clientErrors.add("byte " + (pos + i) + " differs");
                                              return;
                                            }
                                          }
                                          pos += n;
                                          echoed.set(pos);
                                        }
                                      } catch (Exception e) {
                                        clientErrors.add(e.toString());
                                      }
                                    });
                            reader.start();
                            OutputStream out = sock.getOutputStream();
                            byte[] chunk = new byte[8192];
                            for (long pos = 0; pos < total; pos += chunk.length) {
                              for (int i = 0; i < chunk.length; i++) {
                                chunk[i] = (byte) ((pos + i) % 251);
                              }
                              out.write(chunk);
                              sent.addAndGet(chunk.length);
                            }
                            sock.shutdownOutput();
                            reader.join(15_000);
                          } catch (Exception e) {
                            clientErrors.add(e.toString());
                          } finally {
                            loop.callSoonThreadsafe(() -> clientDone.setResult(null));
                          }
                        });
                client.setDaemon(true);
                client.start();
                return waitForStall(
                    sent,
                    -1,
                    0,
                    serverRead,
                    serverReadAtStall,
                    startReading,
                    clientDone,
                    server,
                    duringStall);
              });
        });
    assertEquals(List.of(), List.copyOf(clientErrors));
    assertEquals(total, sent.get());
    assertEquals(total, echoed.get());
    assertTrue(
        serverReadAtStall[0] < total / 2, "server read " + serverReadAtStall[0] + " while stalled");
    assertTrue(max[0] <= 64 * 1024, "reader buffered " + max[0]);
    assertTrue(max[1] <= 64 * 1024 + 64 * 1024, "writer queued " + max[1]);
    assertEquals(List.of("ping"), duringStall);
    assertEquals(0, serverReaders.get(0).buffered());
    assertTrue(serverWriters.get(0).isClosing());
  }

  /** Echo with drain, sampling the buffers after every read and write. */
  private static Object echoChunks(StreamReader r, StreamWriter w, long[] max, long[] serverRead) {
    max[0] = Math.max(max[0], r.buffered());
    return then(
        r.read(65536),
        d -> {
          byte[] data = (byte[]) d;
          if (data.length == 0) {
            return null;
          }
          serverRead[0] += data.length;
          max[0] = Math.max(max[0], r.buffered());
          w.write(data);
          max[1] = Math.max(max[1], w.bufferSize());
          return then(w.drain(), v -> echoChunks(r, w, max, serverRead));
        });
  }

  /** Polls every 20 ms until neither side has moved for 200 ms, then lets the client read. */
  private static Object waitForStall(
      AtomicLong sent,
      long lastSent,
      int quiet,
      long[] serverRead,
      long[] serverReadAtStall,
      CountDownLatch startReading,
      Future<Void> clientDone,
      Server server,
      List<String> duringStall) {
    long now = sent.get();
    if (quiet >= 10) {
      serverReadAtStall[0] = serverRead[0];
      // The stalled connection must not stall the others.
      return then(
          Streams.openConnection(HOST, server.port()),
          p -> {
            StreamPair other = (StreamPair) p;
            other.writer().write(b("ping"));
            return then(
                other.reader().readExactly(4),
                echo -> {
                  duringStall.add(s(echo));
                  other.writer().close();
                  startReading.countDown();
                  return then(
                      clientDone,
                      v -> {
                        server.close();
                        return then(server.waitClosed(), x -> null);
                      });
                });
          });
    }
    return then(
        Asyncio.sleep(Duration.ofMillis(20)),
        v ->
            waitForStall(
                sent,
                now,
                now == lastSent ? quiet + 1 : 0,
                serverRead,
                serverReadAtStall,
                startReading,
                clientDone,
                server,
                duringStall));
  }

  @Test
  @Timeout(10)
  void aLineLongerThanTheLimitRaisesLimitOverrun() {
    List<String> got = new ArrayList<>();
    StreamOptions opts = StreamOptions.defaults().withLimit(1024);
    run(
        () ->
            then(
                Streams.startServer(
                    handler(
                        (r, w) ->
                            then(
                                r.readLine(),
                                l -> null,
                                e -> {
                                  got.add(
                                      e.getClass().getSimpleName()
                                          + ": "
                                          + e.getMessage()
                                          + " buffered="
                                          + r.buffered());
                                  w.write(b("overrun\n"));
                                  return null;
                                })),
                    HOST,
                    0,
                    opts),
                sv ->
                    then(
                        Streams.openConnection(HOST, ((Server) sv).port()),
                        p -> {
                          StreamPair pair = (StreamPair) p;
                          pair.writer().write(new byte[100_000]);
                          return then(
                              pair.reader().readLine(),
                              l -> {
                                got.add("client got " + s(l).strip());
                                pair.writer().abort();
                                ((Server) sv).close();
                                return then(((Server) sv).waitClosed(), v -> null);
                              });
                        })));
    assertEquals(
        List.of(
            "LimitOverrunException: Separator is not found, and chunk exceed the limit buffered=0",
            "client got overrun"),
        got);
  }

  @Test
  @Timeout(10)
  void connectingToAClosedPortRaisesConnectException() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ConnectException e =
        assertThrows(
            ConnectException.class,
            () -> run(() -> then(Streams.openConnection(HOST, port), p -> p)));
    assertTrue(e.getMessage().startsWith("Connection refused"), e.getMessage());
  }

  @Test
  @Timeout(10)
  void aConnectThatTakesTooLongTimesOutAndClosesItsSocket() throws IOException {
    // A listener whose accept queue is full drops further SYNs: connecting to it hangs.
    List<SocketChannel> fillers = new ArrayList<>();
    try (ServerSocketChannel full = ServerSocketChannel.open()) {
      full.bind(new InetSocketAddress(HOST, 0), 1);
      int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
      for (int i = 0; i < 8; i++) {
        SocketChannel c = SocketChannel.open();
        c.configureBlocking(false);
        c.connect(new InetSocketAddress(HOST, port));
        fillers.add(c);
      }
      StreamOptions opts = StreamOptions.defaults().withConnectTimeout(Duration.ofMillis(300));
      long[] took = {0};
      AsyncTimeoutException e =
          assertThrows(
              AsyncTimeoutException.class,
              () ->
                  run(
                      () -> {
                        long start = System.nanoTime();
                        return then(
                            Streams.openConnection(HOST, port, opts),
                            p -> p,
                            err -> {
                              took[0] = System.nanoTime() - start;
                              throw err;
                            });
                      }));
      assertEquals("connect to /127.0.0.1:" + port + " timed out after PT0.3S", e.getMessage());
      assertTrue(took[0] >= 300_000_000L, "took " + took[0]);
    } finally {
      for (SocketChannel c : fillers) {
        c.close();
      }
    }
  }

  private static long openFds() throws IOException {
    try (java.util.stream.Stream<java.nio.file.Path> fds =
        java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  @Timeout(10)
  void waitForAroundOpenConnectionClosesTheSocketWhenItTimesOut() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/fd")), "Linux only");
    List<SocketChannel> fillers = new ArrayList<>();
    long[] fds = new long[2];
    try (ServerSocketChannel full = ServerSocketChannel.open()) {
      full.bind(new InetSocketAddress(HOST, 0), 1);
      int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
      for (int i = 0; i < 8; i++) {
        SocketChannel c = SocketChannel.open();
        c.configureBlocking(false);
        c.connect(new InetSocketAddress(HOST, port));
        fillers.add(c);
      }
      String r =
          run(
              () ->
                  // A server first, so that the loop's selector exists before the baseline.
                  then(
                      Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                      sv -> {
                        fds[0] = openFds();
                        return then(
                            Asyncio.waitFor(
                                Streams.openConnection(HOST, port), Duration.ofMillis(200)),
                            p -> "connected?",
                            e -> {
                              fds[1] = openFds();
                              ((Server) sv).close();
                              return e.getClass().getSimpleName();
                            });
                      }));
      assertEquals("AsyncTimeoutException", r);
      assertEquals(fds[0], fds[1], "open file descriptors before and after");
    } finally {
      for (SocketChannel c : fillers) {
        c.close();
      }
    }
  }

  @Test
  @Timeout(10)
  void waitForAroundAReadTimesOutAndLeavesTheConnectionUsable() {
    List<String> got = new ArrayList<>();
    run(
        () ->
            then(
                Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                sv ->
                    then(
                        Streams.openConnection(HOST, ((Server) sv).port()),
                        p -> {
                          StreamPair pair = (StreamPair) p;
                          return then(
                              Asyncio.waitFor(pair.reader().readLine(), Duration.ofMillis(50)),
                              l -> null,
                              e -> {
                                got.add(e.getClass().getSimpleName());
                                pair.writer().write(b("late\n"));
                                return then(
                                    pair.reader().readLine(),
                                    l -> {
                                      got.add(s(l).strip());
                                      pair.writer().close();
                                      ((Server) sv).close();
                                      return then(((Server) sv).waitClosed(), y -> null);
                                    });
                              });
                        })));
    assertEquals(List.of("AsyncTimeoutException", "late"), got);
  }

  @Test
  @Timeout(10)
  void anIdleConnectionIsClosedAfterTheIdleTimeout() {
    List<String> got = new ArrayList<>();
    StreamOptions opts = StreamOptions.defaults().withIdleTimeout(Duration.ofMillis(200));
    long[] elapsed = {0};
    run(
        () -> {
          EventLoop loop = Asyncio.getRunningLoop();
          long start = loop.time();
          return then(
              Streams.startServer(
                  handler(
                      (r, w) ->
                          then(
                              r.readLine(),
                              l -> null,
                              e -> {
                                elapsed[0] = loop.time() - start;
                                got.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                                return null;
                              })),
                  HOST,
                  0,
                  opts),
              sv ->
                  then(
                      Streams.openConnection(HOST, ((Server) sv).port()),
                      p ->
                          then(
                              ((StreamPair) p).reader().read(10),
                              x -> {
                                got.add("client read " + ((byte[]) x).length + " bytes");
                                ((Server) sv).close();
                                ((StreamPair) p).writer().close();
                                return then(((Server) sv).waitClosed(), v -> null);
                              })));
        });
    assertEquals(
        List.of(
            "AsyncTimeoutException: idle timeout: no data received or sent for PT0.2S;"
                + " connection closed",
            "client read 0 bytes"),
        got);
    assertTrue(elapsed[0] >= 200_000_000L, "elapsed " + elapsed[0]);
  }

  @Test
  @Timeout(10)
  void aServerStopsAcceptingOnCloseAndWaitClosedWaitsForItsConnections() {
    List<String> got = new ArrayList<>();
    run(
        () ->
            then(
                Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                sv -> {
                  Server server = (Server) sv;
                  return then(
                      Streams.openConnection(HOST, server.port()),
                      p -> {
                        StreamPair pair = (StreamPair) p;
                        pair.writer().write(b("before\n"));
                        return then(
                            pair.reader().readLine(),
                            l -> {
                              got.add(s(l).strip() + " active=" + server.activeConnections());
                              server.close();
                              got.add("serving=" + server.isServing());
                              Task<Void> waiting = Asyncio.createTask(server.waitClosed());
                              return then(
                                  Streams.openConnection(HOST, server.port()),
                                  x -> null,
                                  refused -> {
                                    got.add(refused.getClass().getSimpleName());
                                    pair.writer().write(b("after\n"));
                                    return then(
                                        pair.reader().readLine(),
                                        l2 -> {
                                          got.add(
                                              s(l2).strip() + " waitClosed done=" + waiting.done());
                                          pair.writer().close();
                                          return then(
                                              waiting,
                                              v ->
                                                  got.add(
                                                      "closed active="
                                                          + server.activeConnections()));
                                        });
                                  });
                            });
                      });
                }));
    assertEquals(
        List.of(
            "before active=1",
            "serving=false",
            "ConnectException",
            "after waitClosed done=false",
            "closed active=0"),
        got);
  }

  @Test
  @Timeout(10)
  void callSoonThreadsafeWakesALoopBlockedInSelectAndTimersStillFire() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          EventLoop loop = Asyncio.getRunningLoop();
          Future<String> fromThread = loop.createFuture();
          return then(
              Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
              sv -> {
                long start = loop.time();
                return then(
                    Asyncio.sleep(Duration.ofMillis(30)),
                    v -> {
                      got.add("timer after >= 30ms: " + (loop.time() - start >= 30_000_000L));
                      Thread t =
                          new Thread(
                              () -> {
                                try {
                                  Thread.sleep(50);
                                } catch (InterruptedException e) {
                                  Thread.currentThread().interrupt();
                                }
                                loop.callSoonThreadsafe(() -> fromThread.setResult("woken"));
                              });
                      t.start();
                      return then(
                          fromThread,
                          w -> {
                            got.add((String) w);
                            ((Server) sv).close();
                            return null;
                          });
                    });
              });
        });
    assertEquals(List.of("timer after >= 30ms: true", "woken"), got);
  }

  @Test
  @Timeout(10)
  void aTaskThatNeverLetsTheReadyQueueEmptyDoesNotStarveSockets() {
    boolean[] stop = {false};
    int[] spins = {0};
    String echoed =
        run(
            () -> {
              Asyncio.createTask(Cps.of(() -> spin(stop, spins)));
              return then(
                  Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                  sv ->
                      then(
                          Streams.openConnection(HOST, ((Server) sv).port()),
                          p -> {
                            StreamPair pair = (StreamPair) p;
                            pair.writer().write(b("ping\n"));
                            return then(
                                pair.reader().readLine(),
                                l -> {
                                  stop[0] = true;
                                  pair.writer().close();
                                  ((Server) sv).close();
                                  return s(l);
                                });
                          }));
            });
    assertEquals("ping\n", echoed);
    assertTrue(spins[0] > 0);
  }

  private static Object spin(boolean[] stop, int[] spins) {
    if (stop[0]) {
      return null;
    }
    spins[0]++;
    return then(Asyncio.sleep(Duration.ZERO), v -> spin(stop, spins));
  }

  @Test
  @Timeout(10)
  void writeAfterCloseIsRejectedAndDrainAfterCloseReportsTheLoss() {
    List<String> got = new ArrayList<>();
    run(
        () ->
            then(
                Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                sv ->
                    then(
                        Streams.openConnection(HOST, ((Server) sv).port()),
                        p -> {
                          StreamWriter w = ((StreamPair) p).writer();
                          w.close();
                          got.add("closing=" + w.isClosing());
                          IllegalStateException e =
                              assertThrows(IllegalStateException.class, () -> w.write(b("x")));
                          got.add(e.getMessage());
                          return then(
                              w.waitClosed(),
                              v ->
                                  then(
                                      w.drain(),
                                      x -> null,
                                      lost -> {
                                        got.add(lost.getMessage());
                                        ((Server) sv).close();
                                        return then(((Server) sv).waitClosed(), y -> null);
                                      }));
                        })));
    assertEquals(List.of("closing=true", "write() after close()", "Connection lost"), got);
  }

  @Test
  @Timeout(10)
  void cancellingAReadLeavesTheConnectionUsable() {
    List<String> got = new ArrayList<>();
    run(
        () ->
            then(
                Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                sv ->
                    then(
                        Streams.openConnection(HOST, ((Server) sv).port()),
                        p -> {
                          StreamPair pair = (StreamPair) p;
                          Task<byte[]> read = Asyncio.createTask(pair.reader().readLine());
                          return then(
                              Asyncio.sleep(Duration.ofMillis(10)),
                              v -> {
                                read.cancel();
                                return then(
                                    read,
                                    x -> null,
                                    c -> {
                                      got.add(c.getClass().getSimpleName());
                                      pair.writer().write(b("still here\n"));
                                      return then(
                                          pair.reader().readLine(),
                                          l -> {
                                            got.add(s(l).strip());
                                            pair.writer().close();
                                            ((Server) sv).close();
                                            return then(((Server) sv).waitClosed(), y -> null);
                                          });
                                    });
                              });
                        })));
    assertEquals(List.of("CancelledException", "still here"), got);
  }

  @Test
  @Timeout(10)
  void cancellingServeForeverClosesTheServer() {
    boolean[] serving = {true};
    assertThrows(
        CancelledException.class,
        () ->
            run(
                () ->
                    then(
                        Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                        sv -> {
                          Server server = (Server) sv;
                          Task<Void> forever = Asyncio.createTask(server.serveForever());
                          return then(
                              Asyncio.sleep(Duration.ofMillis(10)),
                              v -> {
                                forever.cancel();
                                return then(
                                    forever,
                                    x -> null,
                                    e -> {
                                      serving[0] = server.isServing();
                                      throw e;
                                    });
                              });
                        })));
    assertFalse(serving[0]);
  }

  @Test
  @Timeout(10)
  void aHandlerThatReturnsNoCoroutineIsReportedAndItsConnectionClosed() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          EventLoop loop = Asyncio.getRunningLoop();
          loop.setExceptionHandler(
              (l, ctx) -> got.add(ctx.message() + ": " + ctx.exception().getMessage()));
          return then(
              Streams.startServer((r, w) -> null, HOST, 0),
              sv ->
                  then(
                      Streams.openConnection(HOST, ((Server) sv).port()),
                      p ->
                          then(
                              ((StreamPair) p).reader().read(10),
                              x -> {
                                got.add("client read " + ((byte[]) x).length + " bytes");
                                ((StreamPair) p).writer().close();
                                ((Server) sv).close();
                                return then(((Server) sv).waitClosed(), v -> null);
                              })));
        });
    assertEquals(
        List.of(
            "connection handler failed: the connection handler returned null (expected: a"
                + " Coroutine)",
            "client read 0 bytes"),
        got);
  }

  @Test
  @Timeout(10)
  void openConnectionArgumentsAreChecked() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Streams.openConnection(HOST, 70000));
    assertEquals("port: 70000 (expected: 0..65535)", e.getMessage());
    assertTrue(Streams.isIpLiteral("127.0.0.1"));
    assertTrue(Streams.isIpLiteral("::1"));
    assertFalse(Streams.isIpLiteral("localhost"));
  }

  @Test
  @Timeout(10)
  void aHostNameIsResolvedOffTheLoopThread() {
    String r =
        run(
            () ->
                then(
                    Streams.startServer(handler(StreamsTest::echoLines), HOST, 0),
                    sv ->
                        then(
                            Streams.openConnection("localhost", ((Server) sv).port()),
                            p -> {
                              StreamPair pair = (StreamPair) p;
                              pair.writer().write(b("by name\n"));
                              return then(
                                  pair.reader().readLine(),
                                  l -> {
                                    pair.writer().close();
                                    ((Server) sv).close();
                                    return s(l);
                                  });
                            })));
    assertEquals("by name\n", r);
  }
}
