package io.asyncio4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;

/**
 * {@link Overrides} with hand-written companions in the shape the processor generates: {@code
 * Shape.area} is the {@code @Async} method, {@link ShapeCompanion} its companion.
 */
class OverridesTest {
  /** The user's class: {@code @Async int area(int scale)}. */
  static class Shape {
    int side = 2;

    int area(int scale) {
      throw new AssertionError("the @Async body runs in its state machine");
    }
  }

  /** An {@code @Async} override: its companion is {@code OverridesTest_SquareAsync}. */
  static class Square extends Shape {
    @Override
    int area(int scale) {
      throw new AssertionError("the @Async body runs in its state machine");
    }
  }

  /** A plain override: its coroutine calls it. */
  static class Circle extends Shape {
    @Override
    int area(int scale) {
      return 3 * side * side * scale;
    }
  }

  /** Overrides nothing: gets the declaring class's state machine. */
  static class Plain extends Shape {}

  /** Inherits the plain override of {@link Circle}. */
  static class Ring extends Circle {}

  /** A plain override that throws a checked exception when it runs. */
  static class Broken extends Shape {
    @Override
    int area(int scale) {
      throw sneaky(new java.io.IOException("broken " + scale));
    }
  }

  @SuppressWarnings("unchecked")
  static <X extends Throwable> RuntimeException sneaky(Throwable t) throws X {
    throw (X) t;
  }

  /** The companion of {@link Shape}, as generated. */
  static final class ShapeCompanion {
    private static final Overrides areaOverrides =
        Overrides.of(MethodHandles.lookup(), Area.class, Shape.class, "area", int.class);

    private ShapeCompanion() {}

    static Coroutine<Integer> area(Shape self, int scale) {
      if (self.getClass() != Shape.class) {
        return areaOverrides.call(self, scale);
      }
      return new Area(self, scale);
    }

    private static final class Area extends AsyncStateMachine<Integer> {
      private final Shape self;
      private final int scale;

      Area(Shape self, int scale) {
        this.self = self;
        this.scale = scale;
      }

      @Override
      protected Object step() {
        return self.side * self.side * scale;
      }
    }
  }

  @Test
  void aVirtualDispatchRunsTheAsyncOverrideOrMakesThePlainCall() {
    Overrides area = Overrides.virtual(MethodHandles.lookup(), Shape.class, "area", int.class);
    assertSame(area, Overrides.virtual(MethodHandles.lookup(), Shape.class, "area", int.class));
    Coroutine<Integer> square = area.call(new Square(), 5);
    assertEquals("Square", square.getClass().getSimpleName());
    assertEquals(-5, Asyncio.run(square));
    assertEquals(36, Asyncio.<Integer>run(area.call(new Circle(), 3)));
    assertEquals(24, Asyncio.<Integer>run(area.call(new Ring(), 2)));
    // No override and no machine: the declaring class's own (plain) method, called virtually.
    AssertionError e = assertThrows(AssertionError.class, () -> Asyncio.run(area.call(new Plain(), 1)));
    assertEquals("the @Async body runs in its state machine", e.getMessage());
    java.util.function.IntUnaryOperator twice = k -> 2 * k;
    Overrides apply =
        Overrides.virtual(MethodHandles.lookup(), java.util.function.IntUnaryOperator.class,
            "applyAsInt", int.class);
    assertEquals(6, Asyncio.<Integer>run(apply.call(twice, 3)));
  }

  @Test
  void exactClassAndSubclassWithoutOverrideRunTheDeclaringMachine() {
    assertEquals(8, Asyncio.run(ShapeCompanion.area(new Shape(), 2)));
    Coroutine<Integer> c = ShapeCompanion.area(new Plain(), 3);
    assertEquals("Area", c.getClass().getSimpleName());
    assertEquals(12, Asyncio.run(c));
  }

  @Test
  void asyncOverrideRunsItsCompanionsEntryPoint() {
    Coroutine<Integer> c = ShapeCompanion.area(new Square(), 5);
    assertEquals("Square", c.getClass().getSimpleName());
    assertEquals(-5, Asyncio.run(c));
  }

  @Test
  void plainOverrideRunsWhenTheCoroutineSteps() {
    assertEquals(36, Asyncio.run(ShapeCompanion.area(new Circle(), 3)));
    assertEquals(24, Asyncio.run(ShapeCompanion.area(new Ring(), 2)));
  }

  @Test
  void plainOverrideFailureIsTheCoroutinesException() {
    Coroutine<Integer> c = ShapeCompanion.area(new Broken(), 7);
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> Asyncio.run(c));
    assertEquals("broken 7", e.getMessage());
  }

  @Test
  void eachArityReachesTheOverride() {
    Overrides none = Overrides.of(MethodHandles.lookup(), Args.class, Base.class, "f");
    Overrides five =
        Overrides.of(
            MethodHandles.lookup(),
            Args.class,
            Base.class,
            "f",
            int.class,
            String[].class,
            Object.class,
            long.class,
            Object[].class);
    assertEquals("sub", Asyncio.run(none.<String>call(new Sub())));
    String[] names = {"a", "b"};
    Object[] objects = {"x"};
    assertEquals(
        "sub 1 [a, b] o 2 [x]",
        Asyncio.run(five.<String>callWith(new Sub(), new Object[] {1, names, "o", 2L, objects})));
    Overrides one = Overrides.of(MethodHandles.lookup(), Args.class, Base.class, "f", String[].class);
    assertEquals("sub [a, b]", Asyncio.run(one.<String>call(new Sub(), names)));
    Overrides oneObjects =
        Overrides.of(MethodHandles.lookup(), Args.class, Base.class, "f", Object[].class);
    assertEquals("sub [x]", Asyncio.run(oneObjects.<String>call(new Sub(), objects)));
  }

  static class Base {
    String f() {
      return "base";
    }

    String f(String[] names) {
      return "base";
    }

    String f(Object[] objects) {
      return "base";
    }

    String f(int i, String[] names, Object o, long l, Object[] objects) {
      return "base";
    }
  }

  static class Sub extends Base {
    @Override
    String f() {
      return "sub";
    }

    @Override
    String f(String[] names) {
      return "sub " + java.util.Arrays.toString(names);
    }

    @Override
    String f(Object[] objects) {
      return "sub " + java.util.Arrays.toString(objects);
    }

    @Override
    String f(int i, String[] names, Object o, long l, Object[] objects) {
      return "sub " + i + " " + java.util.Arrays.toString(names) + " " + o + " " + l + " "
          + java.util.Arrays.toString(objects);
    }
  }

  /** Never built: every receiver in {@link #eachArityReachesTheOverride} overrides. */
  private static final class Args extends AsyncStateMachine<String> {
    @Override
    protected Object step() {
      throw new AssertionError();
    }
  }

  @Test
  void theLookupIsCachedPerReceiverClass() {
    Overrides o = Overrides.of(MethodHandles.lookup(), Args.class, Base.class, "f");
    Coroutine<String> a = o.call(new Sub());
    Coroutine<String> b = o.call(new Sub());
    assertEquals(a.getClass(), b.getClass());
    assertSame(a.getClass(), o.<String>call(new Sub()).getClass());
  }
}
