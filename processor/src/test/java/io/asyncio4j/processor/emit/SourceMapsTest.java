package io.asyncio4j.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.processor.lower.Lowerer;
import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.model.Code;
import io.asyncio4j.processor.model.Expr;
import io.asyncio4j.processor.model.Stmt;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The line tables of {@code @SourceMap}: runs while emitting, the table after printing. */
class SourceMapsTest {
  @Test
  void fillPutsEachBodyAtItsSlotAndItsTableInItsPlaceholder() {
    String text =
        String.join(
            "\n",
            "class FooAsync {", // 1
            "  @SourceMap(lines = \"source lines of A\")", // 2
            "  class A {", // 3
            "    " + SourceMaps.bodySlot("A"), // 4..9: A's body
            "  }", // 10
            "  @SourceMap(lines = \"source lines of B\")", // 11
            "  class B {", // 12
            "    String s = \"source lines of A\";", // 13: not an annotation's
            "      " + SourceMaps.bodySlot("B"), // 14: B's body
            "  }",
            "}");
    SourceMaps.Body a =
        new SourceMaps.Body(
            "A",
            "A",
            String.join(
                "\n",
                "a(); // Foo.java:10", // 4
                "b(); // Foo.java:11", // 5: continues 4 in both files: merged
                "if (c) { // Foo.java:20-22", // 6
                "  d();", // 7
                "",
                "}", // 9
                ""),
            List.of(new int[] {0, 0, 10}, new int[] {1, 1, 11}, new int[] {2, 5, 20}));
    SourceMaps.Body b = new SourceMaps.Body("B", "B", "case 1:\n", List.of());
    String filled = SourceMaps.fill(text, List.of(a, b));
    assertEquals(
        String.join(
            "\n",
            "class FooAsync {",
            "  @SourceMap(lines = \"4-5:10,6-9:20\")",
            "  class A {",
            "    a(); // Foo.java:10",
            "    b(); // Foo.java:11",
            "    if (c) { // Foo.java:20-22",
            "      d();",
            "",
            "    }",
            "  }",
            "  @SourceMap(lines = \"\")",
            "  class B {",
            "    String s = \"source lines of A\";",
            "      case 1:",
            "  }",
            "}"),
        filled);
  }

  @Test
  void aBodyWithoutASlotIsAnError() {
    SourceMaps.Body a = new SourceMaps.Body("A", "A", "x();\n", List.of());
    assertThrows(IllegalStateException.class, () -> SourceMaps.fill("class A {\n}", List.of(a)));
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
    // The lines are mapped by the table alone; only resume points carry a comment.
    int check = lines.indexOf("            check(") + 1;
    int label = lines.indexOf("            label = 1;") + 1;
    assertTrue(check > 0 && label == check + 2, text);
    assertEquals("                a);", lines.get(check));
    assertTrue(
        text.contains(
            // check(…) is 11-12 and label = 1 is 13: one run
            "      lines = \"" + check + "-" + label + ":11," + (label + 1) + ":13,"
                + (label + 2) + ":13," + (label + 4) + ":13\",\n"
                + "      points = \"1:13\"\n"),
        text);
    assertEquals("          case 1: // resume after await at Foo.java:13", lines.get(label + 2));
    assertEquals("            return null;", lines.get(label + 3));
  }
}
