package io.asyncio4j.processor.golden;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The full shape of generated companions; behaviour is checked in integration-tests. */
class GoldenTest {
  private static final String DIR = "goldens/GoldenTest/";

  @Test
  void shapeOfLoopsAndFinally() {
    JavaFileObject src = JavaFileObjects.forResource(DIR + "shapeOfLoopsAndFinally/Gold.java");
    Compilation c = io.asyncio4j.processor.TestCompilers.withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c)
        .generatedSourceFile("demo.GoldAsync")
        .hasSourceEquivalentTo(
            JavaFileObjects.forResource(DIR + "shapeOfLoopsAndFinally/demo.GoldAsync.java"));
  }

  @Test
  void entryPointsKeepVisibilityTypeParametersAndOverloads() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "demo.Box",
            String.join(
                "\n",
                "package demo;",
                "import static io.asyncio4j.Asyncio.await;",
                "import io.asyncio4j.Async;",
                "import io.asyncio4j.Awaitable;",
                "public class Box<T> {",
                "  @Async public <R> R map(Awaitable<R> a) { return await(a); }",
                "  @Async private void run(Awaitable<?> a) { await(a); }",
                "  @Async protected static int size(Awaitable<String> a) { return await(a).length(); }",
                "  @Async protected static int size(Awaitable<String> a, int extra) {",
                "    return await(a).length() + extra;",
                "  }",
                "  public static class Inner {",
                "    @Async public String id(Awaitable<String> a) { return await(a); }",
                "  }",
                "}"));
    Compilation c = io.asyncio4j.processor.TestCompilers.withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).succeededWithoutWarnings();
    com.google.common.truth.StringSubject box =
        assertThat(c).generatedSourceFile("demo.BoxAsync").contentsAsUtf8String();
    box.contains("public static <T, R> Coroutine<R> map(Box<T> self, Awaitable<R> a) {");
    box.contains("return new Map<>(self, a);");
    box.contains("static <T> Coroutine<Void> run(Box<T> self, Awaitable<?> a) {");
    box.contains("protected static Coroutine<Integer> size(Awaitable<String> a) {");
    box.contains("protected static Coroutine<Integer> size(Awaitable<String> a, int extra) {");
    box.contains("return new Size2(a, extra);");
    box.contains("private static final class Map<T, R> extends AsyncStateMachine<R> {");
    assertThat(c)
        .generatedSourceFile("demo.Box_InnerAsync")
        .contentsAsUtf8String()
        .contains("public static Coroutine<String> id(Box.Inner self, Awaitable<String> a) {");
  }

  @Test
  void localsNotLiveAcrossAnAwaitStayJavaLocals() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "demo.Locals",
            String.join(
                "\n",
                "package demo;",
                "import static io.asyncio4j.Asyncio.await;",
                "import io.asyncio4j.Async;",
                "import io.asyncio4j.Awaitable;",
                "class Locals {",
                "  @Async int f(Awaitable<Integer> a) {",
                "    int before = 2;",
                "    int kept = before * 3;",
                "    int got = await(a);",
                "    int after = got + 1;",
                "    return kept + after;",
                "  }",
                "}"));
    Compilation c = io.asyncio4j.processor.TestCompilers.withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).succeededWithoutWarnings();
    com.google.common.truth.StringSubject out =
        assertThat(c).generatedSourceFile("demo.LocalsAsync").contentsAsUtf8String();
    out.contains("int before = 2;");
    out.contains("int after = got + 1;");
    out.contains("private int kept;");
    out.contains("private int got;");
    out.doesNotContain("private int before;");
    out.doesNotContain("private int after;");
  }

  @Test
  void entryPointsOfOverridableMethodsDispatchThroughTheirCompanionsField() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "demo.Wide",
            String.join(
                "\n",
                "package demo;",
                "import static io.asyncio4j.Asyncio.await;",
                "import io.asyncio4j.Async;",
                "import io.asyncio4j.Awaitable;",
                "public class Wide {",
                "  @Async public int one(String[] names) { return names.length; }",
                "  @Async public int five(int a, long b, String[] c, Object d, Awaitable<Integer> e) {",
                "    return await(e) + c.length;",
                "  }",
                "  @Async public final int fixed() { return 1; }",
                "}"));
    Compilation c = io.asyncio4j.processor.TestCompilers.withProcessors(new AsyncProcessor()).compile(src);
    assertThat(c).succeededWithoutWarnings();
    com.google.common.truth.StringSubject out =
        assertThat(c).generatedSourceFile("demo.WideAsync").contentsAsUtf8String();
    out.contains("private static final io.asyncio4j.spi.Overrides oneOverrides ="
        + " io.asyncio4j.spi.Overrides.of(java.lang.invoke.MethodHandles.lookup(), One.class,"
        + " Wide.class, \"one\", java.lang.String[].class);");
    out.contains("return oneOverrides.call(self, names);");
    out.contains("return fiveOverrides.callWith(self, new Object[] {a, b, c, d, e});");
    out.doesNotContain("fixedOverrides");
  }
}
