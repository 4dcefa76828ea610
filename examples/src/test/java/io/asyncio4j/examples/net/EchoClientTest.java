package io.asyncio4j.examples.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Asyncio;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EchoClientTest {
  @Test
  @Timeout(10)
  void theDemoEchoesEachLineOverLoopback() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Asyncio.run(EchoClientAsync.demo(out));
    assertEquals(
        String.join(
            System.lineSeparator(),
            "sent hello, got back hello",
            "sent asyncio4j, got back asyncio4j",
            "sent bye, got back bye",
            "closed",
            "server closed, connections left: 0",
            ""),
        bytes.toString(StandardCharsets.UTF_8));
  }
}
