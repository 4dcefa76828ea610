package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class AsyncTimeoutExceptionTest {
  /** WF1 groundwork: the timeout error can carry the CancelledException that stopped the work. */
  @Test
  void carriesMessageAndCause() {
    CancelledException cause = new CancelledException();
    AsyncTimeoutException e = new AsyncTimeoutException("timed out", cause);
    assertEquals("timed out", e.getMessage());
    assertSame(cause, e.getCause());
    assertNull(new AsyncTimeoutException().getMessage());
    assertEquals("m", new AsyncTimeoutException("m").getMessage());
  }
}
