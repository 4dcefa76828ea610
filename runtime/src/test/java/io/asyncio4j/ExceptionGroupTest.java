package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionGroupTest {
  @Test
  void messageCountsTheSubExceptions() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalArgumentException b = new IllegalArgumentException("b");
    assertEquals("m (1 sub-exception)", new ExceptionGroup("m", List.of(a)).getMessage());
    assertEquals("m (2 sub-exceptions)", new ExceptionGroup("m", List.of(a, b)).getMessage());
  }

  @Test
  void exceptionsAreKeptInOrderAndAttachedAsSuppressed() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalArgumentException b = new IllegalArgumentException("b");
    List<Throwable> given = new ArrayList<>(List.of(a, b));
    ExceptionGroup g = new ExceptionGroup("m", given);
    given.clear();
    assertEquals(List.of(a, b), g.exceptions());
    assertArrayEquals(new Throwable[] {a, b}, g.getSuppressed());
    assertThrows(UnsupportedOperationException.class, () -> g.exceptions().add(a));
  }

  @Test
  void stackTracePrintsEverySubException() {
    ExceptionGroup g =
        new ExceptionGroup(
            "unhandled errors in a TaskGroup",
            List.of(new IllegalStateException("first"), new IllegalArgumentException("second")));
    StringWriter out = new StringWriter();
    g.printStackTrace(new PrintWriter(out));
    String s = out.toString();
    assertTrue(s.contains("Suppressed: java.lang.IllegalStateException: first"), s);
    assertTrue(s.contains("Suppressed: java.lang.IllegalArgumentException: second"), s);
  }

  @Test
  void anEmptyGroupIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("m", List.of()));
    assertEquals("exceptions: [] (expected: at least one)", e.getMessage());
  }
}
