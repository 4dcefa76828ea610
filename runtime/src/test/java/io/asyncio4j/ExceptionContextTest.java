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
}
