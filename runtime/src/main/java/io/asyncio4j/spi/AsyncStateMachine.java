package io.asyncio4j.spi;

import io.asyncio4j.Awaitable;
import io.asyncio4j.Coroutine;
import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionStage;

/**
 * Base class of every coroutine state machine (generated or hand-written). See the {@linkplain
 * io.asyncio4j.spi package documentation} for the protocol.
 *
 * <p>Not for users: public only so that generated code in user packages can extend it.
 *
 * <p>The protocol members ({@code step()}, {@code SUSPENDED}, {@code await(Awaitable)}, {@code
 * await(CompletionStage)}, {@code resumeValue()}, {@code suspensionPoint()}) are inherited from
 * {@link Coroutine}, which holds them so that the runtime can drive a coroutine without a public
 * hook; generated code uses them exactly as if they were declared here. States and invariants are
 * those of {@link Coroutine}.
 *
 * <p>The protected static methods below are helpers the generated code calls by simple name from
 * its state machines (they are inherited, so one copy serves every companion class): the
 * processor qualifies every unqualified call of the user's body, so they never shadow a user
 * method. They are generated-code-facing surface, like the protocol.
 *
 * <p>Threading: loop-confined.
 *
 * @param <T> the coroutine's result type
 */
public abstract class AsyncStateMachine<T> extends Coroutine<T> {
  /**
   * The state of a generated machine: 0 before the first step, else the resume point or jump
   * target its {@code step()} dispatches on. Declared here, once, for every generated machine.
   */
  protected int label;

  protected AsyncStateMachine() {}

  /**
   * The user's source position where this machine is suspended: {@link #suspensionPoint(int)} of
   * {@link #label}.
   */
  @Override
  protected StackTraceElement suspensionPoint() {
    return suspensionPoint(label);
  }

  /**
   * The user's source position of resume point {@code label}, from the {@link SourceMap#points()}
   * of this machine's class, or {@code null} when it has none ({@link #suspensionPoint()} passes
   * {@link #label}). The class's points are
   * parsed once, on the first call (a debugging or exception path, never the step path).
   */
  protected final StackTraceElement suspensionPoint(int label) {
    StackTraceElement[] points = SuspensionPoints.of(getClass());
    return label >= 0 && label < points.length ? points[label] : null;
  }

  /** A cast that lets generated code convert an await's value without unchecked warnings. */
  @SuppressWarnings("unchecked")
  protected static <V> V cast(Object value) {
    return (V) value;
  }

  /**
   * Gives a spilled value its static type back: the generated {@code witness} is {@code false ?
   * <the original expression> : null}, never evaluated, whose type javac infers as {@code V}.
   */
  @SuppressWarnings("unchecked")
  protected static <V> V typed(Object value, V witness) {
    return (V) value;
  }

  /**
   * The type of {@code await(awaitable)}, for witnesses where a variable named {@code io} obscures
   * {@code io.asyncio4j.Asyncio.await}; never called.
   */
  protected static <V> V awaitedValue(Awaitable<V> awaitable) {
    throw new AssertionError("a type witness is never evaluated");
  }

  /** {@link #awaitedValue(Awaitable)} for a {@link CompletionStage}; never called. */
  protected static <V> V awaitedValue(CompletionStage<V> stage) {
    throw new AssertionError("a type witness is never evaluated");
  }

  /**
   * A left operand spilled before an awaiting right one, of an operator that unboxes it ({@code
   * whole} is the type witness of the whole expression): a null fails now, as it would before the
   * right operand runs.
   */
  protected static Object numericOperand(Object left, Object whole) {
    if (left == null) {
      // Thrown here, not by a library call, so the trace's top frame is the user's after
      // AsyncStackTraces drops this helper's frame.
      throw new NullPointerException(
          "Cannot unbox the left operand: it is null (it is unboxed before the awaiting right"
              + " operand runs)");
    }
    return left;
  }

  /** A string concatenation's spilled left operand: nothing is unboxed, a null stays. */
  protected static Object numericOperand(Object left, String whole) {
    return left;
  }

  /**
   * Rethrows {@code t} unchanged, checked or not; the callers declare (or catch) the checked
   * exceptions it can be. Written {@code throw sneak(t)} so that javac sees the jump.
   */
  @SuppressWarnings("unchecked")
  protected static <X extends Throwable> RuntimeException sneak(Throwable t) throws X {
    throw (X) t;
  }

  /** A spilled reference operand of {@code ==} stays a reference. */
  protected static <V> V unbox(V value) {
    return value;
  }

  /** A spilled primitive operand of {@code ==} compares by value again. */
  protected static int unbox(Integer value) {
    return value;
  }

  /** A spilled primitive operand of {@code ==} compares by value again. */
  protected static long unbox(Long value) {
    return value;
  }

  /** A spilled primitive operand of {@code ==} compares by value again. */
  protected static double unbox(Double value) {
    return value;
  }

  /** A spilled primitive operand of {@code ==} compares by value again. */
  protected static float unbox(Float value) {
    return value;
  }

  /** A spilled primitive operand of {@code ==} compares by value again. */
  protected static short unbox(Short value) {
    return value;
  }

  /** A spilled primitive operand of {@code ==} compares by value again. */
  protected static byte unbox(Byte value) {
    return value;
  }

  /** A spilled primitive operand of {@code ==} compares by value again. */
  protected static char unbox(Character value) {
    return value;
  }

  /** A spilled primitive operand of {@code ==} compares by value again. */
  protected static boolean unbox(Boolean value) {
    return value;
  }

  /** The iterator an enhanced {@code for} over an {@link Iterable} with an await uses. */
  protected static Iterator<?> iterate(Iterable<?> iterable) {
    return iterable.iterator();
  }

  /**
   * The iterator an enhanced {@code for} over an array with an await uses: it reads each element
   * when it is reached, as the loop does (JLS 14.14.2); a null array fails here, before the loop.
   */
  protected static Iterator<?> iterate(Object array) {
    return new ArrayIterator(array, Array.getLength(array));
  }

  /** Iterates an array of any component type by index. Loop-confined, like its state machine. */
  private static final class ArrayIterator implements Iterator<Object> {
    private final Object array;
    private final int length;
    private int next;

    ArrayIterator(Object array, int length) {
      this.array = array;
      this.length = length;
    }

    @Override
    public boolean hasNext() {
      return next < length;
    }

    @Override
    public Object next() {
      if (next >= length) {
        throw new NoSuchElementException();
      }
      return Array.get(array, next++);
    }
  }

  /**
   * The awaited exit of a resource of a try-with-resources ({@link
   * io.asyncio4j.AsyncCloseable#closeAsync(Throwable)} with the block's exception {@code primary},
   * or {@code null}): a replaced exception is kept among the new one's suppressed exceptions.
   */
  protected static Coroutine<Void> closeResource(
      io.asyncio4j.AsyncCloseable resource, Throwable primary) {
    return new ResourceExit(resource, primary);
  }
}
