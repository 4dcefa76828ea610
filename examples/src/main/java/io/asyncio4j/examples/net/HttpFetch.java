package io.asyncio4j.examples.net;

import static io.asyncio4j.Asyncio.await;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.asyncio4j.Async;
import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamOptions;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Streams;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP/1.1 client fetching two pages over one keep-alive connection from a tiny HTTP server
 * that the example starts itself, in the same loop: request framing with {@code readUntil("\r\n")},
 * bodies with {@code readExactly(Content-Length)}; then the same server over TLS and an {@code
 * https://} fetch ({@link #fetch}), with a certificate made by keytool for the run.
 */
public final class HttpFetch {
  private static final byte[] CRLF = {'\r', '\n'};

  private HttpFetch() {}

  /** A response as the client sees it. */
  record Response(String statusLine, Map<String, String> headers, String body) {}

  // ---------------------------------------------------------------- server

  /** Serves requests on one connection until the client asks to close or goes away. */
  @Async
  static void serveConnection(StreamReader reader, StreamWriter writer) {
    int served = 0;
    while (true) {
      byte[] requestLine = await(reader.readLine());
      if (requestLine.length == 0) {
        return; // the client closed the connection
      }
      Map<String, String> headers = readHeaders(reader);
      String[] parts = new String(requestLine, US_ASCII).strip().split(" ");
      served++;
      String body;
      int status;
      if (parts[1].equals("/hello")) {
        status = 200;
        body = "Hello from asyncio4j!\n";
      } else if (parts[1].equals("/count")) {
        status = 200;
        body = "request " + served + " on this connection\n";
      } else {
        status = 404;
        body = "no page " + parts[1] + "\n";
      }
      boolean close = "close".equalsIgnoreCase(headers.get("connection"));
      byte[] bytes = body.getBytes(UTF_8);
      String head =
          "HTTP/1.1 "
              + status
              + (status == 200 ? " OK" : " Not Found")
              + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
              + bytes.length
              + (close ? "\r\nConnection: close" : "")
              + "\r\n\r\n";
      writer.write(head.getBytes(US_ASCII));
      writer.write(bytes);
      await(writer.drain());
      if (close) {
        return;
      }
    }
  }

  /** Header lines up to the blank line, names lower-cased; the limit bounds each line. */
  @Async
  static Map<String, String> readHeaders(StreamReader reader) {
    Map<String, String> headers = new LinkedHashMap<>();
    while (true) {
      byte[] line = await(reader.readUntil(CRLF));
      String text = new String(line, US_ASCII).strip();
      if (text.isEmpty()) {
        return headers;
      }
      int colon = text.indexOf(':');
      headers.put(
          text.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          text.substring(colon + 1).strip());
    }
  }

  // ---------------------------------------------------------------- client

  /** Sends one GET and reads the response; {@code last} asks the server to close afterwards. */
  @Async
  static Response get(StreamPair conn, String host, int port, String path, boolean last)
      throws IOException {
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nUser-Agent: asyncio4j-example\r\n"
            + (last ? "Connection: close\r\n" : "")
            + "\r\n";
    conn.writer().write(request.getBytes(US_ASCII));
    await(conn.writer().drain());
    byte[] status = await(conn.reader().readUntil(CRLF));
    Map<String, String> headers = readHeaders(conn.reader());
    String length = headers.get("content-length");
    if (length == null) {
      throw new IOException("response without Content-Length");
    }
    byte[] body = await(conn.reader().readExactly(Integer.parseInt(length)));
    return new Response(new String(status, US_ASCII).strip(), headers, new String(body, UTF_8));
  }

  /** Starts the server, fetches three paths over one connection, prints them, shuts down. */
  @Async
  static void demo(PrintStream out) throws IOException {
    StreamOptions limits =
        StreamOptions.defaults().withLimit(8 * 1024).withIdleTimeout(Duration.ofSeconds(10));
    Server server =
        await(Streams.startServer(HttpFetchAsync::serveConnection, "127.0.0.1", 0, limits));
    StreamPair conn = await(Streams.openConnection("127.0.0.1", server.port(), limits));
    List<String> paths = List.of("/hello", "/count", "/missing");
    for (int i = 0; i < paths.size(); i++) {
      Response r = get(conn, "127.0.0.1", server.port(), paths.get(i), i == paths.size() - 1);
      out.println("GET " + paths.get(i) + " -> " + r.statusLine());
      out.println("  content-type: " + r.headers().get("content-type"));
      out.print("  body: " + r.body());
    }
    byte[] rest = await(conn.reader().read(100));
    out.println("connection closed by server: " + (rest.length == 0 && conn.reader().atEof()));
    conn.writer().close();
    server.close();
    await(server.waitClosed());
  }

  /**
   * Fetches {@code url} ({@code http://} or {@code https://}) on a connection of its own; for
   * {@code https}, over TLS with {@code trust} (the certificate must name the URL's host).
   */
  @Async
  static Response fetch(String url, SSLContext trust) throws IOException {
    URI uri = URI.create(url);
    boolean tls = uri.getScheme().equals("https");
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    StreamOptions options = StreamOptions.defaults().withConnectTimeout(Duration.ofSeconds(10));
    StreamPair conn =
        tls
            ? await(Streams.openConnection(uri.getHost(), port, options, trust))
            : await(Streams.openConnection(uri.getHost(), port, options));
    try {
      return get(conn, uri.getHost(), port, uri.getRawPath(), true);
    } finally {
      conn.writer().close();
    }
  }

  /** The same server over TLS, with a throwaway certificate; one {@code https://} fetch. */
  @Async
  static void demoHttps(PrintStream out, SSLContext serverTls, SSLContext clientTls)
      throws IOException {
    Server server =
        await(
            Streams.startServer(
                HttpFetchAsync::serveConnection,
                "127.0.0.1",
                0,
                StreamOptions.defaults(),
                serverTls));
    String url = "https://localhost:" + server.port() + "/hello";
    Response r = fetch(url, clientTls);
    out.println("GET " + url.replace(":" + server.port(), ":<port>") + " -> " + r.statusLine());
    out.print("  body: " + r.body());
    server.close();
    await(server.waitClosed());
  }

  public static void main(String[] args) throws Exception {
    Asyncio.run(HttpFetchAsync.demo(System.out));
    LocalTls tls = LocalTls.create();
    Asyncio.run(HttpFetchAsync.demoHttps(System.out, tls.server, tls.client));
  }
}
