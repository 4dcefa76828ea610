package io.asyncio4j.streams;

import static io.asyncio4j.streams.Cps.then;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS over the loop's sockets, against itself, the JDK's blocking SSLSocket/SSLServerSocket and
 * Python's ssl module, with certificates made by keytool.
 */
class TlsTest {
  private static final String HOST = "127.0.0.1";
  @TempDir static Path dir;
  private static TlsCerts certs;
  private static SSLContext serverCtx;
  private static SSLContext clientCtx;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TlsCerts.generate(dir);
    serverCtx = TlsCerts.serverContext(certs.server);
    clientCtx = TlsCerts.clientContext(certs.server);
  }

  private static byte[] b(String s) {
    return s.getBytes(US_ASCII);
  }

  private static String s(Object bytes) {
    return new String((byte[]) bytes, US_ASCII);
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

  private static final BiFunction<StreamReader, StreamWriter, Coroutine<?>> ECHO =
      (r, w) -> Cps.of(() -> echoLines(r, w));

  @Test
  @Timeout(20)
  void ourClientAndServerExchangeLinesAndAMegabyteWithSniAndBackpressure() {
    List<String> got = new ArrayList<>();
    byte[] big = new byte[1 << 20];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + 7);
    }
    Asyncio.run(
        Cps.of(
            () ->
                then(
                    Streams.startServer(
                        (r, w) ->
                            Cps.of(
                                () -> {
                                  ExtendedSSLSession session = (ExtendedSSLSession) w.sslSession();
                                  got.add("server sni " + session.getRequestedServerNames());
                                  return then(
                                      r.readExactly(big.length),
                                      x -> {
                                        w.write((byte[]) x);
                                        return then(w.drain(), v -> echoLines(r, w));
                                      });
                                }),
                        HOST,
                        0,
                        StreamOptions.defaults(),
                        serverCtx),
                    sv -> {
                      Server server = (Server) sv;
                      return then(
                          Streams.openConnection(
                              "localhost", server.port(), StreamOptions.defaults(), clientCtx),
                          p -> {
                            StreamPair c = (StreamPair) p;
                            got.add("client " + c.writer().sslSession().getProtocol());
                            c.writer().write(big);
                            return then(
                                c.writer().drain(),
                                v ->
                                    then(
                                        c.reader().readExactly(big.length),
                                        echo -> {
                                          got.add(
                                              "echo intact " + Arrays.equals(big, (byte[]) echo));
                                          c.writer().write(b("line one\n"));
                                          return then(
                                              c.reader().readLine(),
                                              l -> {
                                                got.add(s(l));
                                                c.writer().writeEof();
                                                return then(
                                                    c.reader().read(-1),
                                                    rest -> {
                                                      got.add("eof " + ((byte[]) rest).length);
                                                      c.writer().close();
                                                      server.close();
                                                      return then(server.waitClosed(), w -> null);
                                                    });
                                              });
                                        }));
                          });
                    })));
    assertEquals(
        List.of(
            "client TLSv1.3",
            "server sni [type=host_name (0), value=localhost]",
            "echo intact true",
            "line one\n",
            "eof 0"),
        got);
  }

  @Test
  @Timeout(20)
  void ourClientTalksToTheJdksSslServerSocket() throws Exception {
    SSLServerSocket ss =
        (SSLServerSocket)
            serverCtx
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName(HOST));
    CompletableFuture<String> peer =
        CompletableFuture.supplyAsync(
            () -> {
              try (ss;
                  SSLSocket s = (SSLSocket) ss.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream()));
                String line = in.readLine();
                s.getOutputStream().write(b("jdk got " + line + "\n"));
                s.getOutputStream().flush();
                return "peer read to eof " + (in.read() == -1);
              } catch (Exception e) {
                return e.toString();
              }
            },
            r -> new Thread(r).start());
    String r =
        Asyncio.run(
            Cps.of(
                () ->
                    then(
                        Streams.openConnection(
                            "localhost", ss.getLocalPort(), StreamOptions.defaults(), clientCtx),
                        p -> {
                          StreamPair c = (StreamPair) p;
                          c.writer().write(b("hello\n"));
                          return then(
                              c.reader().readLine(),
                              l -> {
                                c.writer().close();
                                return then(c.writer().waitClosed(), v -> s(l));
                              });
                        })));
    assertEquals("jdk got hello\n", r);
    assertEquals("peer read to eof true", peer.get());
  }

  @Test
  @Timeout(20)
  void theJdksSslSocketTalksToOurServer() throws Exception {
    String r =
        Asyncio.run(
            Cps.of(
                () ->
                    then(
                        Streams.startServer(ECHO, HOST, 0, StreamOptions.defaults(), serverCtx),
                        sv -> {
                          Server server = (Server) sv;
                          EventLoop loop = Asyncio.getRunningLoop();
                          Future<String> done = loop.createFuture();
                          new Thread(
                                  () -> {
                                    String out;
                                    try (SSLSocket s =
                                        (SSLSocket)
                                            clientCtx
                                                .getSocketFactory()
                                                .createSocket(HOST, server.port())) {
                                      s.getOutputStream().write(b("one\ntwo\n"));
                                      BufferedReader in =
                                          new BufferedReader(
                                              new InputStreamReader(s.getInputStream()));
                                      out = in.readLine() + "," + in.readLine();
                                      s.shutdownOutput();
                                      out += "," + in.read();
                                    } catch (Exception e) {
                                      out = e.toString();
                                    }
                                    String result = out;
                                    loop.callSoonThreadsafe(() -> done.setResult(result));
                                  })
                              .start();
                          return then(
                              done,
                              x -> {
                                server.close();
                                return then(server.waitClosed(), v -> x);
                              });
                        })));
    assertEquals("one,two,-1", r);
  }

  @Test
  @Timeout(30)
  void pythonsSslModuleTalksToOurServerAndOurClientToPythons() throws Exception {
    Assumptions.assumeTrue(hasPython3(), "python3 is not installed");
    String pem = dir.resolve("server-cert.pem").toString();
    String key = dir.resolve("server-key.pem").toString();
    String client =
        "import socket, ssl, sys\n"
            + "ctx = ssl.create_default_context(cafile=sys.argv[1])\n"
            + "with socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=10) as s:\n"
            + "  with ctx.wrap_socket(s, server_hostname='localhost') as t:\n"
            + "    t.sendall(b'from python\\n')\n"
            + "    data = b''\n"
            + "    while not data.endswith(b'\\n'):\n"
            + "      data += t.recv(100)\n"
            + "    print(data.decode().strip(), t.version())\n";
    String server =
        "import socket, ssl, sys\n"
            + "ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
            + "ctx.load_cert_chain(sys.argv[1], sys.argv[2])\n"
            + "srv = socket.create_server(('127.0.0.1', 0))\n"
            + "print(srv.getsockname()[1], flush=True)\n"
            + "conn, _ = srv.accept()\n"
            + "conn.settimeout(10)\n"
            + "t = ctx.wrap_socket(conn, server_side=True)\n"
            + "data = b''\n"
            + "while not data.endswith(b'\\n'):\n"
            + "  data += t.recv(100)\n"
            + "t.sendall(b'python got ' + data)\n"
            + "t.unwrap()\n"
            + "print('clean close_notify exchange', flush=True)\n";
    Process py =
        new ProcessBuilder("python3", "-c", server, pem, key).redirectErrorStream(true).start();
    BufferedReader pyOut = new BufferedReader(new InputStreamReader(py.getInputStream()));
    int pyPort = Integer.parseInt(pyOut.readLine().trim());
    List<String> got = new ArrayList<>();
    Asyncio.run(
        Cps.of(
            () ->
                then(
                    Streams.openConnection(
                        "localhost", pyPort, StreamOptions.defaults(), clientCtx),
                    p -> {
                      StreamPair c = (StreamPair) p;
                      c.writer().write(b("from java\n"));
                      return then(
                          c.reader().readLine(),
                          l -> {
                            got.add(s(l));
                            return then(
                                c.reader().read(-1),
                                eof -> {
                                  got.add("eof after close_notify " + ((byte[]) eof).length);
                                  c.writer().close();
                                  return then(
                                      Streams.startServer(
                                          ECHO, HOST, 0, StreamOptions.defaults(), serverCtx),
                                      sv -> pythonClient((Server) sv, client, pem, got));
                                });
                          });
                    })));
    assertEquals(0, py.waitFor());
    got.add(pyOut.readLine());
    assertEquals(
        List.of(
            "python got from java\n",
            "eof after close_notify 0",
            "from python TLSv1.3",
            "clean close_notify exchange"),
        got);
  }

  private static boolean hasPython3() {
    try {
      return new ProcessBuilder("python3", "-c", "import ssl").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Runs the Python client against {@code server} off the loop; adds its output to {@code got}. */
  private static Object pythonClient(Server server, String script, String pem, List<String> got)
      throws Exception {
    Process p =
        new ProcessBuilder("python3", "-c", script, pem, String.valueOf(server.port()))
            .redirectErrorStream(true)
            .start();
    return then(
        Asyncio.toThread(() -> new String(p.getInputStream().readAllBytes(), US_ASCII)),
        out -> {
          got.add(((String) out).strip());
          server.close();
          return then(server.waitClosed(), v -> null);
        });
  }

  @Test
  @Timeout(20)
  void anUntrustedAnExpiredAndAMisnamedCertificateFailTheHandshakeAndFreeTheSocket()
      throws Exception {
    SSLContext expiredServer = TlsCerts.serverContext(certs.expired);
    SSLContext trustsExpired = TlsCerts.clientContext(certs.ca);
    SSLContext trustsAnother = TlsCerts.clientContext(certs.ca);
    List<Throwable> errors = new ArrayList<>();
    List<Integer> leftOpen = new ArrayList<>();
    Asyncio.run(
        Cps.of(
            () ->
                then(
                    Streams.startServer(ECHO, HOST, 0, StreamOptions.defaults(), serverCtx),
                    good ->
                        then(
                            Streams.startServer(
                                ECHO, HOST, 0, StreamOptions.defaults(), expiredServer),
                            old -> {
                              Server g = (Server) good;
                              Server e = (Server) old;
                              StreamOptions o = StreamOptions.defaults();
                              return attempt(
                                  errors,
                                  Streams.openConnection("localhost", g.port(), o, trustsAnother),
                                  () ->
                                      attempt(
                                          errors,
                                          Streams.openConnection(
                                              "localhost", e.port(), o, trustsExpired),
                                          () ->
                                              attempt(
                                                  errors,
                                                  Streams.openConnection(
                                                      HOST, g.port(), o, clientCtx),
                                                  () ->
                                                      then(
                                                          Asyncio.sleep(Duration.ofMillis(100)),
                                                          v -> {
                                                            leftOpen.add(g.activeConnections());
                                                            leftOpen.add(e.activeConnections());
                                                            g.close();
                                                            e.close();
                                                            return null;
                                                          }))));
                            }))));
    assertEquals(3, errors.size(), errors.toString());
    assertInstanceOf(SSLHandshakeException.class, errors.get(0));
    assertTrue(
        errors.get(0).getMessage().contains("unable to find valid certification path"),
        errors.get(0).getMessage());
    assertInstanceOf(SSLHandshakeException.class, errors.get(1));
    assertTrue(
        hasCause(errors.get(1), CertificateExpiredException.class), errors.get(1).toString());
    assertInstanceOf(SSLHandshakeException.class, errors.get(2));
    // JDK 25 prefixes the alert: "(certificate_unknown) No subject ..."
    assertTrue(
        errors
            .get(2)
            .getMessage()
            .endsWith("No subject alternative names matching IP address 127.0.0.1 found"),
        errors.get(2).getMessage());
    assertEquals(List.of(0, 0), leftOpen);
  }

  private static Object attempt(
      List<Throwable> errors, Coroutine<StreamPair> connect, Cps.Body next) {
    return then(
        connect,
        p -> {
          ((StreamPair) p).writer().close();
          errors.add(new AssertionError("connected"));
          return next.run();
        },
        e -> {
          errors.add(e);
          return next.run();
        });
  }

  private static boolean hasCause(Throwable e, Class<?> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  @Test
  @Timeout(20)
  void withoutHostnameVerificationAnIpLiteralConnects() {
    String r =
        Asyncio.run(
            Cps.of(
                () ->
                    then(
                        Streams.startServer(ECHO, HOST, 0, StreamOptions.defaults(), serverCtx),
                        sv ->
                            then(
                                Streams.openConnection(
                                    HOST,
                                    ((Server) sv).port(),
                                    StreamOptions.defaults().withHostnameVerification(false),
                                    clientCtx),
                                p -> {
                                  StreamPair c = (StreamPair) p;
                                  c.writer().write(b("ip\n"));
                                  return then(
                                      c.reader().readLine(),
                                      l -> {
                                        c.writer().close();
                                        ((Server) sv).close();
                                        return s(l);
                                      });
                                }))));
    assertEquals("ip\n", r);
  }

  @Test
  @Timeout(20)
  void aPeerThatStopsMidHandshakeTimesOutAndItsSocketIsClosedOnBothSides() throws Exception {
    StreamOptions quick = StreamOptions.defaults().withHandshakeTimeout(Duration.ofMillis(200));
    try (ServerSocket mute = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      List<String> got = new ArrayList<>();
      Asyncio.run(
          Cps.of(
              () ->
                  then(
                      Streams.openConnection("localhost", mute.getLocalPort(), quick, clientCtx),
                      p -> {
                        got.add("connected");
                        return null;
                      },
                      e -> {
                        got.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        Socket accepted = mute.accept();
                        accepted.setSoTimeout(5000);
                        InputStream in = accepted.getInputStream();
                        byte[] hello = new byte[1];
                        got.add("client hello " + (in.read(hello) == 1 && hello[0] == 22));
                        in.readAllBytes(); // the rest of the hello, then EOF: the socket is closed
                        got.add("client socket closed");
                        accepted.close();
                        return then(
                            Streams.startServer(ECHO, HOST, 0, quick, serverCtx),
                            sv -> muteClient((Server) sv, got));
                      })));
      assertEquals(3, got.size() - 2, got.toString());
      assertTrue(got.get(0).startsWith("AsyncTimeoutException: TLS handshake with "), got.get(0));
      assertTrue(got.get(0).endsWith(" timed out after PT0.2S"), got.get(0));
      assertEquals(
          List.of("client hello true", "client socket closed", "server read -1", "connections 0"),
          got.subList(1, 5));
    }
  }

  /** A client that connects to {@code server} and sends nothing: the server must drop it. */
  private static Object muteClient(Server server, List<String> got) throws Exception {
    Socket s = new Socket(HOST, server.port());
    s.setSoTimeout(5000);
    return then(
        Asyncio.toThread(() -> s.getInputStream().read()),
        n -> {
          got.add("server read " + n);
          s.close();
          return then(
              Asyncio.sleep(Duration.ofMillis(50)),
              v -> {
                got.add("connections " + server.activeConnections());
                server.close();
                return null;
              });
        });
  }

  @Test
  void plainConnectionsHaveNoSslSession() {
    StreamOptions o = StreamOptions.defaults();
    assertTrue(o.hostnameVerification());
    assertEquals(Duration.ofSeconds(60), o.handshakeTimeout());
    assertThrows(NullPointerException.class, () -> Streams.openConnection(HOST, 1, o, null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> o.withHandshakeTimeout(Duration.ZERO));
    assertEquals("handshakeTimeout: PT0S (expected: > PT0S or null)", e.getMessage());
    String r =
        Asyncio.run(
            Cps.of(
                () ->
                    then(
                        Streams.startServer(ECHO, HOST, 0),
                        sv ->
                            then(
                                Streams.openConnection(HOST, ((Server) sv).port()),
                                p -> {
                                  StreamPair c = (StreamPair) p;
                                  assertNull(c.writer().sslSession());
                                  c.writer().close();
                                  ((Server) sv).close();
                                  return "plain";
                                }))));
    assertEquals("plain", r);
  }
}
