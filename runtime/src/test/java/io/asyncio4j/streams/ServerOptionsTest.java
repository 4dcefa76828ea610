package io.asyncio4j.streams;

import static io.asyncio4j.streams.Cps.then;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a server binds, resolves and queues: address family, executor, backlog. */
class ServerOptionsTest {
  private static final BiFunction<StreamReader, StreamWriter, Coroutine<?>> ECHO_LINE =
      (r, w) ->
          Cps.of(
              () ->
                  then(
                      r.readLine(),
                      l -> {
                        w.write((byte[]) l);
                        return null;
                      }));

  /** Sends a line to {@code host:port} through the loop and returns the echo. */
  private static Object echo(String host, int port, Server server) {
    return then(
        Streams.openConnection(host, port),
        p -> {
          StreamPair pair = (StreamPair) p;
          pair.writer().write("ping\n".getBytes(US_ASCII));
          return then(
              pair.reader().readLine(),
              l -> {
                pair.writer().close();
                server.close();
                return new String((byte[]) l, US_ASCII);
              });
        });
  }

  @Test
  @Timeout(10)
  void hostNamesAreResolvedOnTheLoopsDefaultExecutor() {
    AtomicInteger jobs = new AtomicInteger();
    ExecutorService real = Executors.newSingleThreadExecutor();
    ExecutorService counting =
        new AbstractExecutorService() {
          @Override
          public void execute(Runnable r) {
            jobs.incrementAndGet();
            real.execute(r);
          }

          @Override
          public void shutdown() {
            real.shutdown();
          }

          @Override
          public List<Runnable> shutdownNow() {
            return real.shutdownNow();
          }

          @Override
          public boolean isShutdown() {
            return real.isShutdown();
          }

          @Override
          public boolean isTerminated() {
            return real.isTerminated();
          }

          @Override
          public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return real.awaitTermination(timeout, unit);
          }
        };
    String echoed =
        Asyncio.run(
            Cps.of(
                () -> {
                  Asyncio.getRunningLoop().setDefaultExecutor(counting);
                  return then(
                      Streams.startServer(ECHO_LINE, "localhost", 0),
                      sv -> echo("localhost", ((Server) sv).port(), (Server) sv));
                }));
    assertEquals("ping\n", echoed);
    assertEquals(2, jobs.get(), "one lookup for startServer, one for openConnection");
    assertTrue(real.isShutdown(), "closing the loop shuts its default executor down");
  }

  @Test
  @Timeout(10)
  void aServerOnTheIpv4WildcardDoesNotAcceptIpv6() throws Exception {
    Assumptions.assumeTrue(ipv6Loopback(), "no IPv6 loopback on this machine");
    List<String> got = new ArrayList<>();
    Asyncio.run(
        Cps.of(
            () ->
                then(
                    Streams.startServer(ECHO_LINE, "0.0.0.0", 0),
                    sv -> {
                      Server server = (Server) sv;
                      got.add(server.localAddress().getAddress().getClass().getSimpleName());
                      return then(
                          Streams.openConnection("::1", server.port()),
                          p -> {
                            got.add("IPv6 connected");
                            server.close();
                            return null;
                          },
                          e -> {
                            got.add(e.getClass().getSimpleName());
                            return echo("127.0.0.1", server.port(), server);
                          });
                    })));
    assertEquals(List.of("Inet4Address", "ConnectException"), got);
  }

  @Test
  @Timeout(10)
  void anUnresolvableHostInStartServerIsNamed() {
    UnknownHostException e =
        assertThrows(
            UnknownHostException.class,
            () ->
                Asyncio.run(
                    Cps.of(
                        () ->
                            then(
                                Streams.startServer(ECHO_LINE, "no-such-host.invalid", 0),
                                sv -> sv))));
    assertTrue(e.getMessage().startsWith("no-such-host.invalid"), e.getMessage());
  }

  @Test
  @Timeout(10)
  void theBacklogIsAnOptionWithADefaultOf1024() {
    assertEquals(1024, StreamOptions.defaults().backlog());
    assertEquals(1, StreamOptions.defaults().withBacklog(1).backlog());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StreamOptions.defaults().withBacklog(0));
    assertEquals("backlog: 0 (expected: > 0)", e.getMessage());
    assertTrue(StreamOptions.defaults().toString().contains(" backlog=1024 "));
    String echoed =
        Asyncio.run(
            Cps.of(
                () ->
                    then(
                        Streams.startServer(
                            ECHO_LINE, "127.0.0.1", 0, StreamOptions.defaults().withBacklog(1)),
                        sv -> echo("127.0.0.1", ((Server) sv).port(), (Server) sv))));
    assertEquals("ping\n", echoed);
  }

  private static boolean ipv6Loopback() {
    try {
      return NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
