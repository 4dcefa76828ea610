package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected values are what the bodies give as plain Java with a blocking await. */
class LoweringTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void forInitAssignsExistingVariables(boolean suspend) {
    V.suspend = suspend;
    assertEquals("1,9", run(LoweringAsync.forInitAssignment(new int[] {3, -1, 4})));
    assertEquals("2,8", run(LoweringAsync.forInitAssignment(new int[] {3, 4})));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void cStyleArrayDeclaratorsKeepTheirTypes(boolean suspend) {
    V.suspend = suspend;
    // 9 + 2 + 10 + 3 + 5 + 6 + 8
    assertEquals("43,1", run(LoweringAsync.cStyleArrays(new int[] {10})));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void lambdasInReturnAndYieldCaptureHoistedLocals(boolean suspend) {
    V.suspend = suspend;
    assertEquals(List.of(18, 40), run(LoweringAsync.lambdaInReturn(18, List.of(17, 18, 40, 3))));
    assertEquals(100, run(LoweringAsync.lambdaInYield(0)));
    assertEquals(97, run(LoweringAsync.lambdaInYield(3)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void awaitedBoxesWidenToWiderPrimitives(boolean suspend) {
    V.suspend = suspend;
    assertEquals("1 2.0 97.0", run(LoweringAsync.widenedAwaits()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void conditionalsAreTypedAsInTheSourceInEveryContext(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        "Integer:1 Integer:1 1.5 1.0 Character:x 1.0 3 Character:n Integer:2",
        run(LoweringAsync.conditionalContexts(true)));
    assertEquals(
        // (Object) (c ? await(v('x')) : 1) is standalone: char, as javac types it.
        "Double:2.5 Double:2.5 0.0 2.5 Character:\u0001 2.5 1 Double:2.5 Double:2.5",
        run(LoweringAsync.conditionalContexts(false)));
    assertEquals(1, run(LoweringAsync.conditionalReturned(true)));
    assertEquals(2.5, run(LoweringAsync.conditionalReturned(false)));
    assertEquals("Integer:1", run(LoweringAsync.returnedCallOfConditional(true)));
    assertEquals("Double:2.5", run(LoweringAsync.returnedCallOfConditional(false)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void switchExpressionsAreTypedAsInTheSource(boolean suspend) {
    V.suspend = suspend;
    assertEquals("Integer:1 2.0 1", run(LoweringAsync.switchContexts(0)));
    assertEquals("Character:c 5.0 10", run(LoweringAsync.switchContexts(1)));
    // A standalone switch of Integer, int and 'd' is an int switch (JLS 15.28.1).
    assertEquals("Double:2.5 5.0 100", run(LoweringAsync.switchContexts(2)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  @SuppressWarnings("removal") // distinct Integer objects of one value are the point
  void equalityOfAwaitedBoxesComparesReferences(boolean suspend) {
    V.suspend = suspend;
    Integer a = Integer.valueOf(1000);
    Integer b = new Integer(1000);
    assertEquals("false true true true", run(LoweringAsync.boxedIdentity(a, b)));
    assertEquals("true true true false", run(LoweringAsync.boxedIdentity(a, a)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void compoundAssignmentsUseTheValueSavedBeforeTheRightSide(boolean suspend) {
    V.suspend = suspend;
    // Plain Java: x = 5 + (5 * 2 + 6); field = 3 - (3 * 3 - 4); cells[1] = 7 * (8 + 1);
    // b = (byte) (100 + (1 + 100)); s = "a" + "b" + "c" + "b".
    assertEquals("21 -2 63 -55 abcb", run(LoweringAsync.compoundSelfChanging(new Lowering())));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void siblingScopesMayReuseANameWithAnotherType(boolean suspend) {
    V.suspend = suspend;
    assertEquals("0 10 s0 s1 4 y 5", run(LoweringAsync.siblingScopes(4)));
    assertEquals("0 10 s0 s1 -1 y neg", run(LoweringAsync.siblingScopes(-1)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void switchesDefinitelyAssignLocalsOnEveryPath(boolean suspend) {
    V.suspend = suspend;
    assertEquals("zero 0 10 a", run(LoweringAsync.switchAssigns(0)));
    assertEquals("one 1 20 b", run(LoweringAsync.switchAssigns(1)));
    assertEquals("many 7 20 b", run(LoweringAsync.switchAssigns(7)));
  }
}
