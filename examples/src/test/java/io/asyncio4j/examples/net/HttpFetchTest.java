package io.asyncio4j.examples.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Asyncio;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HttpFetchTest {
  @Test
  @Timeout(10)
  void theDemoFetchesThreePagesOverOneKeepAliveConnection() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Asyncio.run(HttpFetchAsync.demo(out));
    String nl = System.lineSeparator();
    assertEquals(
        "GET /hello -> HTTP/1.1 200 OK"
            + nl
            + "  content-type: text/plain; charset=utf-8"
            + nl
            + "  body: Hello from asyncio4j!\n"
            + "GET /count -> HTTP/1.1 200 OK"
            + nl
            + "  content-type: text/plain; charset=utf-8"
            + nl
            + "  body: request 2 on this connection\n"
            + "GET /missing -> HTTP/1.1 404 Not Found"
            + nl
            + "  content-type: text/plain; charset=utf-8"
            + nl
            + "  body: no page /missing\n"
            + "connection closed by server: true"
            + nl,
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(30)
  void anHttpsFetchFromTheSameServerOverTls() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    LocalTls tls = LocalTls.create();
    Asyncio.run(HttpFetchAsync.demoHttps(out, tls.server, tls.client));
    assertEquals(
        "GET https://localhost:<port>/hello -> HTTP/1.1 200 OK"
            + System.lineSeparator()
            + "  body: Hello from asyncio4j!\n",
        bytes.toString(StandardCharsets.UTF_8));
  }
}
