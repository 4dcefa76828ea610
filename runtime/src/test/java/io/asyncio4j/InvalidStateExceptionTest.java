package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InvalidStateExceptionTest {
  /** F2: the pending-future messages, on an IllegalStateException subtype. */
  @Test
  void isAnIllegalStateExceptionWithAsyncioMessages() {
    IllegalStateException e = new InvalidStateException("Result is not set.");
    assertEquals("Result is not set.", e.getMessage());
  }
}
