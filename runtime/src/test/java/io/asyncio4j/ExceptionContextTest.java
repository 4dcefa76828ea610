package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ExceptionContextTest {
  @Test
  void carriesMessageExceptionAndSource() {
    RuntimeException e = new RuntimeException("boom");
    ExceptionContext c = new ExceptionContext("Exception in callback x", e, "x");
    assertEquals("Exception in callback x", c.message());
    assertSame(e, c.exception());
    assertEquals("x", c.source());
    assertEquals(
        "Exception in callback x\n  source: x\n  exception: java.lang.RuntimeException: boom",
        c.toString());
    ExceptionContext bare = new ExceptionContext("m", null, null);
    assertNull(bare.exception());
    assertEquals("m", bare.toString());
  }

  @Test
  void aHugeSourceIsCutInTheReportAndAThrowingToStringIsDescribed() {
    Future<String> f = EventLoop.withVirtualTime().createFuture();
    f.setResult("x".repeat(1 << 20));
    ExceptionContext c = new ExceptionContext("m", null, f);
    String text = c.toString();
    assertEquals(
        "m\n  source: Future[finished result=\"" + "x".repeat(1000 - 24) + "... (1048602 chars)",
        text);
    Object broken =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException();
          }
        };
    assertEquals(
        "m\n  source: "
            + broken.getClass().getName()
            + " (toString() threw"
            + " java.lang.IllegalStateException)",
        new ExceptionContext("m", null, broken).toString());
  }
}
