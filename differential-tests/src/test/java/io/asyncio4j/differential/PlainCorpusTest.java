package io.asyncio4j.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the plain corpus's behaviour where the Java Language Specification's evaluation order is the
 * point, so that the oracle of {@link DifferentialTest} is known to encode it.
 */
class PlainCorpusTest {

  private static Outcome run(DifferentialTest.PlainCall call) {
    PlainCorpus p = new PlainCorpus();
    return Outcome.of(() -> call.call(p), p.trace);
  }

  @Test
  void leftOperandFieldIsReadBeforeTheCallThatChangesIt() {
    assertEquals(
        new Outcome("String:6/6", null, List.of("bump", "r=6 n=10", "bump")),
        run(p -> p.fieldPlusCall(1)));
  }

  @Test
  void compoundArrayAssignmentReadsTheOldElementFirst() {
    assertEquals(
        new Outcome("String:[1, 7, 3]", null, List.of("poke 1", "after [1, 7, 3]")),
        run(p -> p.arrayCompound(1)));
  }

  @Test
  void compoundArrayAssignmentChecksBoundsBeforeTheRightHandSide() {
    assertEquals(
        new Outcome(
            null,
            "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3",
            List.of()),
        run(p -> p.arrayCompound(3)));
  }

  @Test
  void simpleArrayAssignmentChecksBoundsAfterTheRightHandSide() {
    assertEquals(
        new Outcome(
            null,
            "java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3",
            List.of("reset 3")),
        run(p -> p.fieldArrayStore(3)));
    assertEquals(
        new Outcome("String:[null, L2, L3] k=3", null, List.of("label 2", "label 3")),
        run(p -> p.arrayStore(1)));
  }

  @Test
  void fieldAssignmentTargetIsTheObjectBeforeTheRightHandSideRan() {
    assertEquals(
        new Outcome("String:Holder(b)/Holder(other)", null, List.of("load b")),
        run(p -> p.holderReassign(true)));
    assertEquals(
        new Outcome(null, "java.lang.NullPointerException", List.of("load b")),
        run(p -> p.holderReassign(false)));
  }

  @Test
  void nullReceiverFailsAfterAllArguments() {
    assertEquals(
        new Outcome(
            null,
            "java.lang.NullPointerException",
            List.of("receiver r", "arg x", "arg y", "arg z")),
        run(p -> p.receiverArgOrder(false)));
  }

  @Test
  void shortCircuitSkipsTheRightOperand() {
    assertEquals(
        new Outcome("String:expired/false", null, List.of()), run(p -> p.shortCircuit(null)));
  }

  @Test
  void labelledBreakRunsEveryEnclosingFinally() {
    assertEquals(
        new Outcome(
            "String:stopped at 1",
            null,
            List.of("i=0", "f1 0", "f2 0", "i=1", "f1 1", "f2 1", "after")),
        run(p -> p.breakThroughFinallies(1)));
  }

  @Test
  void resourcesCloseInReverseOrderWithSuppressedExceptions() {
    assertEquals(
        new Outcome(
            null,
            "java.lang.UnsupportedOperationException: body inner:fail suppressed"
                + " [java.lang.IllegalStateException: close failed: inner,"
                + " java.lang.IllegalStateException: close failed: outer]",
            List.of("open outer", "open inner", "inner uses fail", "close inner", "close outer")),
        run(p -> p.existingResource(7)));
  }

  @Test
  void lambdasCaptureEachIterationsValue() {
    assertEquals(
        new Outcome("ArrayList:[1, 2, 5]", null, List.of("a3", "b3", "c3")),
        run(p -> p.captureLoop(3)));
  }
}
