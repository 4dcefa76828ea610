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
}
