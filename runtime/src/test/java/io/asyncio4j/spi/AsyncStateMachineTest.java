package io.asyncio4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The static helpers generated state machines call (here through a subclass, as they do). */
class AsyncStateMachineTest extends AsyncStateMachine<Void> {
  @Override
  protected Object step() {
    return null;
  }

  @Test
  void iterateOverAnArrayReadsEachElementWhenItIsReached() {
    int[] a = {1, 2, 3};
    Iterator<?> it = iterate((Object) a);
    assertTrue(it.hasNext());
    assertEquals(1, it.next());
    a[1] = 20;
    assertEquals(20, it.next());
    assertEquals(3, it.next());
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void iterateOverANullArrayFailsAtOnce() {
    assertThrows(NullPointerException.class, () -> iterate((Object) null));
  }

  @Test
  void iterateOverAnIterableUsesItsIterator() {
    Iterator<?> it = iterate(List.of("a"));
    assertEquals("a", it.next());
    assertFalse(it.hasNext());
  }

  @Test
  void sneakRethrowsACheckedExceptionUnchanged() {
    IOException e = new IOException("x");
    Throwable thrown =
        assertThrows(
            IOException.class,
            () -> {
              throw sneak(e);
            });
    assertSame(e, thrown);
  }

  @Test
  void unboxComparesSpilledPrimitivesByValue() {
    Integer a = 1000;
    Integer b = 1000;
    assertTrue(unbox(a) == unbox(b));
    Object o = new Object();
    assertSame(o, unbox(o));
    assertThrows(NullPointerException.class, () -> unbox((Integer) null));
  }

  @Test
  void typedAndNumericOperandPassValuesThrough() {
    String s = typed((Object) "v", false ? "w" : null);
    assertEquals("v", s);
    assertEquals(3, numericOperand(3, 0));
    assertThrows(NullPointerException.class, () -> numericOperand(null, 0));
    assertNull(numericOperand(null, "concatenation"));
  }

  /** A machine with resume points at labels 2 and 5. */
  @SourceMap(
      className = "demo.Foo",
      method = "run",
      file = "Foo.java",
      lines = "",
      points = "2:14,5:20")
  private static final class Pointed extends AsyncStateMachine<Void> {
    int label;

    @Override
    protected Object step() {
      return null;
    }

    @Override
    protected StackTraceElement suspensionPoint() {
      return suspensionPoint(label);
    }
  }

  @Test
  void suspensionPointReadsTheResumePointsOfTheSourceMap() {
    Pointed p = new Pointed();
    assertNull(p.suspensionPoint());
    p.label = 2;
    assertEquals(new StackTraceElement("demo.Foo", "run", "Foo.java", 14), p.suspensionPoint());
    p.label = 3;
    assertNull(p.suspensionPoint());
    p.label = 5;
    assertEquals(new StackTraceElement("demo.Foo", "run", "Foo.java", 20), p.suspensionPoint());
    assertSame(p.suspensionPoint(), p.suspensionPoint(5)); // parsed once per class
    p.label = 6;
    assertNull(p.suspensionPoint());
  }

  @Test
  void aClassWithoutPointsHasNone() {
    assertNull(suspensionPoint(0));
    assertNull(suspensionPoint(-1));
  }
}
