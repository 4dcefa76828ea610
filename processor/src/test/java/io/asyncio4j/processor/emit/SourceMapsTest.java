package io.asyncio4j.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.processor.lower.Lowerer;
import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.model.Code;
import io.asyncio4j.processor.model.Expr;
import io.asyncio4j.processor.model.Stmt;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The line tables of {@code @SourceMap}: markers while emitting, the table after printing. */
class SourceMapsTest {
  @Test
  void aStatementGetsAMarkerOnItsFirstLineWithItsLineRange() {
    assertEquals("x = 1; // Foo.java:7", SourceMaps.marked("x = 1;", 7, "Foo.java"));
    assertEquals(
        "if (a) { // Foo.java:7-9\n  b();\n}", SourceMaps.marked("if (a) {\n  b();\n}", 7, "Foo.java"));
    assertEquals("x = 1;", SourceMaps.marked("x = 1;", 0, "Foo.java"));
    assertEquals(
        "String s = \"\"\"\n  a\n  \"\"\";",
        SourceMaps.marked("String s = \"\"\"\n  a\n  \"\"\";", 7, "Foo.java"));
  }

  @Test
  void fillReplacesEachPlaceholderWithTheTableOfTheLinesBelowIt() {
    String text =
        String.join(
            "\n",
            "class FooAsync {", // 1
            "  int x; // Foo.java:99", // 2: above every placeholder, ignored
            "  @SourceMap(lines = \"source lines of A\")", // 3
            "  class A {", // 4
            "    a(); // Foo.java:10", // 5
            "    b(); // Foo.java:11", // 6: continues 5 in both files: merged
            "    if (c) { // Foo.java:20-22", // 7
            "      d(); // Foo.java:5", // 8: covered by 7's range, ignored
            "    }", // 9
            "    e();", // 10: unmarked
            "    f(); // Foo.java:20", // 11
            "  }",
            "  @SourceMap(lines = \"source lines of B\")", // 13
            "  class B {",
            "    case 1: // resume after await at Foo.java:30", // 15: not a marker
            "  }",
            "}");
    String filled = SourceMaps.fill(text);
    assertEquals(
        text.replace("source lines of A", "5-6:10,7-9:20,11:20")
            .replace("source lines of B", ""),
        filled);
    assertEquals(text.split("\n", -1).length, filled.split("\n", -1).length);
  }

  @Test
  void aMachineWithoutMarkersGetsAnEmptyTable() {
    assertEquals(
        "@SourceMap(lines = \"\")\nclass A {}",
        SourceMaps.fill("@SourceMap(lines = \"source lines of A\")\nclass A {}"));
  }

  /** The whole path: lowered statements with source lines, emitted, printed, the table read. */
  @Test
  void theCompanionsTableMapsTheAwaitsLinesToTheUsersLine() {
    AsyncMethod m =
        new AsyncMethod(
            "demo", "FooAsync", "Run", "run", "demo.Foo", "Foo.java", "", List.of(), null,
            "self", List.of(), com.palantir.javapoet.ClassName.get(Void.class), true, List.of(),
            List.of(), List.of(), null,
            new Stmt.Block(
                List.of(
                    new Stmt.NativeStmt(
                        new Code(List.of(new Code.Text("check(\n    a);")), List.of(), 11),
                        Stmt.Completion.YES),
                    new Stmt.ExprStmt(
                        new Expr.Await(
                            new Expr.Native(Code.of("a"), "a", true), "await(a)", 13)))),
            Set.of(), new AsyncMethod.StepNames("r", "resuming", "dispatch"), false, 10);
    ContinuationEmitter.Emitted e = ContinuationEmitter.emit(m, Lowerer.lower(m));
    String text =
        CompanionEmitter.emit("demo", "FooAsync", false, "p", List.of(e), List.of(), Set.of());
    List<String> lines = List.of(text.split("\n", -1));
    int check = lines.indexOf("            check( // Foo.java:11-12") + 1;
    int label = lines.indexOf("            label = 1; // Foo.java:13") + 1;
    assertTrue(check > 0 && label == check + 2, text);
    assertEquals("                a);", lines.get(check));
    assertTrue(
        text.contains(
            // check(…) is 11-12 and label = 1 is 13: one run
            "      lines = \"" + check + "-" + label + ":11," + (label + 1) + ":13,"
                + (label + 2) + ":13," + (label + 4) + ":13\"\n"),
        text);
    assertEquals("            return null; // Foo.java:13", lines.get(label + 3));
  }
}
