package io.asyncio4j.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.model.Code;
import io.asyncio4j.processor.model.Expr;
import io.asyncio4j.processor.model.LocalVar;
import io.asyncio4j.processor.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lowering on hand-built models: states, edges, regions; no javac involved. */
class LowererTest {
  static AsyncMethod method(Stmt body, LocalVar... locals) {
    return new AsyncMethod(
        "demo", "FooAsync", "Run", "run", "demo.Foo", "Foo.java", "", List.of(),
        null, "self", List.of(), ClassName.get(Integer.class), false, List.of(locals),
        List.of(), List.of(), null, body, Set.of("x", "label", "region"),
        new AsyncMethod.StepNames("r", "resuming", "dispatch"), false, 1);
  }

  static Expr nat(String text) {
    return new Expr.Native(Code.of(text), text, false);
  }

  static Expr await(String awaitable, int line) {
    return new Expr.Await(nat(awaitable), "await(" + awaitable + ")", line);
  }

  static List<String> text(Lowered l) {
    List<String> out = new ArrayList<>();
    for (Lowered.Line line : l.cases()) {
      out.add(line instanceof Lowered.Mark m
          ? "case " + m.label() + (m.comment() == null ? "" : " // " + m.comment())
          : ((Lowered.Statement) line).text());
    }
    return out;
  }

  @Test
  void anAwaitBecomesAResumePointThatFallsThroughOnTheFastPath() {
    LocalVar x = new LocalVar("x", "x", "int");
    Lowered l =
        Lowerer.lower(
            method(
                new Stmt.Block(
                    List.of(new Stmt.LocalDecl(x, await("a", 10)), new Stmt.Return(nat("x + 1")))),
                x));
    assertEquals(
        List.of(
            "case 0",
            "label = 1;",
            "r = await(a);",
            "if (r == SUSPENDED) return SUSPENDED;",
            "case 1 // resume after await at Foo.java:10",
            "x = typed(r, false ? await(a) : null);",
            "return x + 1;"),
        text(l));
    assertEquals(Map.of(1, 10), l.resumeLines());
    assertTrue(l.awaits());
    assertTrue(l.handlers().isEmpty());
  }

  @Test
  void aLoopJumpsBackToItsTestAndBreaksToItsEnd() {
    Stmt body =
        new Stmt.While(
            7,
            nat("more()"),
            new Stmt.Block(List.of(new Stmt.ExprStmt(await("tick()", 3)), new Stmt.Break(7))));
    List<String> lines = text(Lowerer.lower(method(body)));
    assertEquals(
        List.of(
            "case 0",
            "case 1",
            "if (!more()) { label = 2; continue dispatch; }",
            "label = 3;",
            "r = await(tick());",
            "if (r == SUSPENDED) return SUSPENDED;",
            "case 3 // resume after await at Foo.java:3",
            "label = 2; continue dispatch;",
            "case 2",
            "return null;"),
        lines);
  }

  @Test
  void aReturnInsideTryRunsTheFinallyFirstAndTheHandlerCoversTheRegion() {
    Stmt body =
        new Stmt.Try(
            new Stmt.Block(List.of(new Stmt.ExprStmt(await("io()", 5)), new Stmt.Return(nat("1")))),
            List.of(),
            new Stmt.NativeStmt(Code.of("log();"), Stmt.Completion.YES),
            4);
    Lowered l = Lowerer.lower(method(body));
    List<String> lines = text(l);
    assertTrue(
        lines.contains("result = 1; finallyKind1 = 2; region = 0; label = 1; continue dispatch;"),
        lines.toString());
    assertTrue(lines.contains("if (finallyKind1 == 2) { return result; }"), lines.toString());
    assertEquals(1, l.handlers().size());
    assertEquals(
        List.of("region = 0; finallyKind1 = 1; finallyValue1 = ex; label = 1; return true;"),
        l.handlers().get(0).body());
    assertEquals(Map.of("finallyKind1", "int", "finallyValue1", "java.lang.Object", "result",
        "java.lang.Object"), l.fields());
  }

  @Test
  void operandsLeftOfAnAwaitAreSpilledInOrder() {
    Expr call =
        new Expr.Composite(
            List.of("f(", ", ", ", ", ")"),
            List.of(nat("a()"), await("b()", 2), nat("c()")),
            "f(a(), await(b()), c())");
    List<String> lines = text(Lowerer.lower(method(new Stmt.ExprStmt(call))));
    assertEquals("spill = a();", lines.get(1));
    assertEquals(
        "f(typed(spill, false ? a() : null), typed(r, false ? await(b()) : null), c());",
        lines.get(6));
  }
}
