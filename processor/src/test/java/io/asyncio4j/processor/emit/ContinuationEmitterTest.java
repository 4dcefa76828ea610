package io.asyncio4j.processor.emit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.processor.lower.Lowered;
import io.asyncio4j.processor.lower.Lowerer;
import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.model.Code;
import io.asyncio4j.processor.model.Expr;
import io.asyncio4j.processor.model.Stmt;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The emitted class shape from a hand-built model; no javac involved. */
class ContinuationEmitterTest {
  @Test
  void theMachineHasLabelResumeCommentsAndASuspensionPointTable() {
    AsyncMethod m =
        new AsyncMethod(
            "demo", "FooAsync", "Run", "run", "demo.Foo", "Foo.java", "public", List.of(),
            com.palantir.javapoet.ClassName.get("demo", "Foo"), "self", List.of(),
            com.palantir.javapoet.ClassName.get(Void.class), true, List.of(), List.of(),
            List.of(), null,
            new Stmt.ExprStmt(new Expr.Await(new Expr.Native(Code.of("a"), "a", true), "await(a)", 12)),
            Set.of(), new AsyncMethod.StepNames("r", "resuming", "dispatch"), false, 10);
    Lowered lowered = Lowerer.lower(m);
    ContinuationEmitter.Emitted e = ContinuationEmitter.emit(m, lowered);
    String machine = e.machine().toString();
    // label and suspensionPoint() are AsyncStateMachine's: the machine writes the inherited field.
    assertFalse(machine.contains("int label"), machine);
    assertFalse(machine.contains("suspensionPoint"), machine);
    String cases = e.bodies().get(0).text();
    assertTrue(machine.contains(SourceMaps.bodySlot("Run")), machine);
    assertTrue(cases.contains("case 1: // resume after await at Foo.java:12"), cases);
    assertTrue(machine.contains("points = \"1:12\""), machine);
    assertTrue(cases.contains("label = 1;\n"), cases);
    String entry = e.entry().toString();
    assertTrue(entry.contains("public static io.asyncio4j.Coroutine<java.lang.Void> run(demo.Foo self)"), entry);
    assertTrue(entry.contains("return new demo.FooAsync.Run(self);"), entry);
  }
}
