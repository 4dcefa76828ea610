package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected values are what the bodies give as plain Java with a blocking await. */
class ExpressionsTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void operandsLeftOfAnAwaitAreReadBeforeIt(boolean suspend) {
    V.suspend = suspend;
    assertEquals(6, run(ExpressionsAsync.leftOperandReadBeforeAwait(new Expressions())));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void argumentsAndReceiversInJlsOrder(boolean suspend) {
    V.suspend = suspend;
    Expressions e = new Expressions();
    assertEquals("abcd", run(ExpressionsAsync.callArgumentsInOrder(e)));
    assertEquals("recv!", run(ExpressionsAsync.receiverThenArguments(e)));
    assertEquals(List.of("a", "c", "recv"), e.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void shortCircuitsAwaitOnlyWhenJavaEvaluatesTheRightSide(boolean suspend) {
    V.suspend = suspend;
    Expressions e = new Expressions();
    assertEquals(true, run(ExpressionsAsync.shortCircuits(e, null)));
    assertEquals(true, run(ExpressionsAsync.shortCircuits(e, "")));
    assertEquals(false, run(ExpressionsAsync.shortCircuits(e, "abc")));
    assertEquals(List.of("true false", "true false", "false true"), e.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void conditionalEvaluatesOneBranch(boolean suspend) {
    V.suspend = suspend;
    Expressions e = new Expressions();
    assertEquals("pos1", run(ExpressionsAsync.conditional(e, 1)));
    assertEquals("zero2", run(ExpressionsAsync.conditional(e, 0)));
    assertEquals("neg2", run(ExpressionsAsync.conditional(e, -1)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void compoundAssignmentReadsTheVariableFirst(boolean suspend) {
    V.suspend = suspend;
    Expressions e = new Expressions();
    assertEquals("25 8 12 16 xyz", run(ExpressionsAsync.compound(e, 1)));
    assertEquals(List.of("index", "rhs"), e.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void assignmentTargetsAreEvaluatedFirst(boolean suspend) {
    V.suspend = suspend;
    assertEquals("1,2,2 5 false", run(ExpressionsAsync.assignmentTargets(new Expressions())));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void incrementsAndUnaryOperators(boolean suspend) {
    V.suspend = suspend;
    assertEquals("2 3 -3 true -1", run(ExpressionsAsync.incrementsAndUnary(new Expressions())));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void concatenationCastsInstanceofArraysAndChains(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        "len=3;c;2.5 str true 2 2 PAD [e] 30", run(ExpressionsAsync.misc(new Expressions(), "x")));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void equalityOfSpilledPrimitivesComparesValues(boolean suspend) {
    V.suspend = suspend;
    assertEquals(true, run(ExpressionsAsync.equalityOfAwaitedInts(new Expressions())));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void lambdasAndAnonymousClassesCaptureValues(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of(0, 0, 1, 10, 2, 20), run(ExpressionsAsync.lambdaCaptures(new Expressions())));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void localClassesAndRecords(boolean suspend) {
    V.suspend = suspend;
    assertEquals("hi bob31", run(ExpressionsAsync.localClassesAndRecords(new Expressions())));
  }
}
