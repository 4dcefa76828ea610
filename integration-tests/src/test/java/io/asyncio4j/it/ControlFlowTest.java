package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.it.ControlFlow.Color;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fixture runs twice: awaits that complete at once, and awaits that really suspend. */
class ControlFlowTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void ifElse(boolean suspend) {
    V.suspend = suspend;
    assertEquals("pos5", run(ControlFlowAsync.ifElse(5)));
    assertEquals("zero", run(ControlFlowAsync.ifElse(0)));
    assertEquals("neg3", run(ControlFlowAsync.ifElse(-3)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void loops(boolean suspend) {
    V.suspend = suspend;
    assertEquals("w0w1w2d3d2d1f010f19f28g0g1g2", run(ControlFlowAsync.loops(3)));
    assertEquals("d0", run(ControlFlowAsync.loops(0)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void forEachOverIterablesAndArrays(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        "ab246" + "35",
        run(ControlFlowAsync.forEach(List.of("a", "b"), new int[] {1, 2, 3}, new String[] {"xyz", "hello"})));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void labelledBreakAndContinue(boolean suspend) {
    V.suspend = suspend;
    assertEquals("00 01 10 11 20 21 ink1k3", run(ControlFlowAsync.labelled()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void switches(boolean suspend) {
    V.suspend = suspend;
    assertEquals("onetwoAr1x", run(ControlFlowAsync.switches(1, "a", Color.RED)));
    assertEquals("twobc!gb2yy", run(ControlFlowAsync.switches(2, "c", Color.GREEN)));
    assertEquals("three", run(ControlFlowAsync.switches(3, "a", Color.RED)));
    assertEquals("many?gb30yy", run(ControlFlowAsync.switches(7, "z", Color.BLUE)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void tryCatchFinally(boolean suspend) throws Exception {
    V.suspend = suspend;
    assertEquals("tok finally!", run(ControlFlowAsync.tryCatchFinally(0)));
    assertEquals("tcatch-io:io+ finally!", run(ControlFlowAsync.tryCatchFinally(1)));
    assertEquals("tcatch-multi:iae finally!", run(ControlFlowAsync.tryCatchFinally(2)));
    UnsupportedOperationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            UnsupportedOperationException.class, () -> run(ControlFlowAsync.tryCatchFinally(3)));
    assertEquals("uoe", e.getMessage());
    assertEquals("tcatch-io:direct+ finally!", run(ControlFlowAsync.tryCatchFinally(4)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void finallyRunsOnReturnAndRethrow(boolean suspend) throws Exception {
    V.suspend = suspend;
    assertEquals("a-ret", run(ControlFlowAsync.finallyOnReturnAndRethrow(false)));
    assertEquals("a-f1-caught-x", run(ControlFlowAsync.finallyOnReturnAndRethrow(true)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aBreakThroughTwoFinallyBlocksRunsBoth(boolean suspend) {
    V.suspend = suspend;
    assertEquals(List.of("y1", "f1", "f2", "after"), run(ControlFlowAsync.exitThroughTwoFinallys()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void anExceptionFromFinallyReplacesThePendingOne(boolean suspend) {
    V.suspend = suspend;
    assertEquals("second", run(ControlFlowAsync.finallyThrowReplaces()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void tryWithResourcesClosesInReverseSkipsNullAndSuppresses(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("open a", "open b", "body true", "close b", "close a", "finally"),
        run(ControlFlowAsync.resources(false, false)));
    assertEquals(
        List.of("open a", "open b", "body true", "close b", "close a",
            "caught body suppressed 1", "finally"),
        run(ControlFlowAsync.resources(true, true)));
    assertEquals(
        List.of("open a", "open b", "body true", "close b", "close a",
            "caught close b suppressed 0", "finally"),
        run(ControlFlowAsync.resources(false, true)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void constantLocalsStayConstantsAndQualifiedThisIsTheReceiver(boolean suspend) {
    V.suspend = suspend;
    assertEquals("limit6", run(ControlFlowAsync.constantCaseLabels(3)));
    assertEquals("limit+16", run(ControlFlowAsync.constantCaseLabels(4)));
    assertEquals("hi36", run(ControlFlowAsync.constantCaseLabels(0)));
    assertEquals("qself!", run(ControlFlowAsync.qualifiedThis(new ControlFlow())));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void assertWithAwaitsFollowsTheClassAssertionStatus(boolean suspend) {
    V.suspend = suspend;
    assertEquals("ok1", run(ControlFlowAsync.asserts(1)));
    if (ControlFlow.class.desiredAssertionStatus()) {
      AssertionError e =
          org.junit.jupiter.api.Assertions.assertThrows(
              AssertionError.class, () -> run(ControlFlowAsync.asserts(-2)));
      assertEquals("not positive: -2", e.getMessage());
    } else {
      assertEquals("ok-2", run(ControlFlowAsync.asserts(-2)));
    }
  }
}
