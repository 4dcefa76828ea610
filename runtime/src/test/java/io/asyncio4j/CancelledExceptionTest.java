package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class CancelledExceptionTest {
  /** C14: the message is kept; it is a java.util.concurrent.CancellationException. */
  @Test
  void keepsItsMessageAndIsACancellationException() {
    CancellationException e = new CancelledException("why");
    assertEquals("why", e.getMessage());
    assertNull(new CancelledException().getMessage());
    assertNull(new CancelledException(null).getMessage());
  }
}
