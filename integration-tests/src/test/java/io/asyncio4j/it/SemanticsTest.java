package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.asyncio4j.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticsTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void anEnumConstantBodyRunsItsOwnAsyncOverride(boolean suspend) {
    V.suspend = suspend;
    assertEquals("square:9:SQUARE:true:label", run(Semantics_ShapeAsync.describe(Semantics.Shape.SQUARE, 3)));
    assertEquals("shape:3:label", run(Semantics_ShapeAsync.describe(Semantics.Shape.PLAIN, 3)));
    assertEquals("circle:3", run(Semantics_ShapeAsync.describe(Semantics.Shape.CIRCLE, 3)));
    assertEquals("shape:3:other-label", run(Semantics_ShapeAsync.describe(Semantics.Shape.OTHER, 3)));
    assertEquals(
        "twice[square:4:SQUARE:true:label|shape:3:label]",
        run(Semantics_ShapeAsync.describe(Semantics.Shape.TWICE, 2)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aCallThroughTheEnumTypeDispatchesByConstant(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        "shape:1:label;square:1:SQUARE:true:label;circle:1;shape:1:other-label;"
            + "twice[square:1:SQUARE:true:label|shape:2:label];",
        run(Semantics_ShapeAsync.all(1)));
  }

  @Test
  void aStaticAsyncMethodInitializesItsClassAtTheCallBeforeTheBodyRuns() {
    int before = Semantics.EVENTS.size();
    Coroutine<Integer> c = Semantics_RegistryAsync.start();
    assertEquals(List.of("Registry initialized"), tail(before));
    assertEquals(1, run(c));
    assertEquals(List.of("Registry initialized", "start"), tail(before));
    assertEquals(2, run(Semantics_RegistryAsync.start()));
    assertEquals(List.of("Registry initialized", "start", "start"), tail(before));
  }

  @Test
  void aFailingInitializerFailsTheFirstCallAsAPlainStaticCallWould() {
    ExceptionInInitializerError e =
        assertThrows(ExceptionInInitializerError.class, Semantics_BrokenAsync::value);
    assertInstanceOf(NumberFormatException.class, e.getCause());
    assertThrows(NoClassDefFoundError.class, Semantics_BrokenAsync::value);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void suppressedWarningsAndSafeVarargsCompileCleanAndRun(boolean suspend) {
    V.suspend = suspend;
    assertEquals(3, run(SemanticsAsync.suppressed(null, new ArrayList<>(List.of("a", "b")))));
    assertEquals(2, run(Semantics_RawHolderAsync.size(List.of(1, 2))));
    assertEquals(7, run(Semantics_OldAsync.use()));
    assertEquals(List.of(List.of(1), List.of(2)), run(SemanticsAsync.collect(List.of(1), List.of(2))));
  }

  private static List<String> tail(int from) {
    return Semantics.EVENTS.subList(from, Semantics.EVENTS.size());
  }
}
