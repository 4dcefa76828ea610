package io.asyncio4j.processor.diag;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import io.asyncio4j.processor.ClaimingProcessor;
import io.asyncio4j.processor.TestCompilers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The method's own semantics and build hygiene: modifiers and classes an {@code @Async} method
 * cannot have, enum constant bodies that cannot run as the enum's, and clean {@code -Xlint:all
 * -Werror} builds.
 */
class SemanticsErrorsTest {
  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString(
        "demo.Demo",
        String.join(
            "\n",
            "package demo;",
            "",
            "import static io.asyncio4j.Asyncio.await;",
            "import static io.asyncio4j.Asyncio.sleep;",
            "",
            "import io.asyncio4j.Async;",
            "import java.time.Duration;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "",
            "public class Demo {",
            body,
            "}",
            ""));
  }

  private static Compilation compile(JavaFileObject source) {
    return TestCompilers.withProcessors(new AsyncProcessor()).compile(source);
  }

  /** Both processors in their service-file order, with every lint as errors. */
  private static Compilation compileStrictly(JavaFileObject... sources) {
    return TestCompilers.withProcessors(new AsyncProcessor(), new ClaimingProcessor())
        .withOptions("-Xlint:all", "-Werror")
        .compile(sources);
  }

  @Test
  void aSynchronizedAsyncMethodIsRejected() {
    JavaFileObject src =
        source(
            "  @Async\n"
                + "  synchronized int f() {\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncSynchronizedMethod] an @Async method cannot be synchronized, because its monitor"
                + " would have to stay held across suspensions while the loop thread runs other"
                + " tasks; remove synchronized and guard the state with io.asyncio4j.Lock")
        .inFile(src)
        .onLineContaining("synchronized int f()");
  }

  @Test
  void anAsyncMethodInAnAnonymousClassIsRejected() {
    JavaFileObject src =
        source(
            "  public abstract static class Handler {\n"
                + "    @Async public String handle() { await(sleep(Duration.ZERO)); return \"base\"; }\n"
                + "  }\n"
                + "  static Handler make() {\n"
                + "    return new Handler() {\n"
                + "      @Override\n"
                + "      @Async // here\n"
                + "      public String handle() { await(sleep(Duration.ZERO)); return \"anon\"; }\n"
                + "    };\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncInAnonymousClass] @Async methods cannot be declared in an anonymous class, whose"
                + " type no companion can name; declare a named nested class that overrides the"
                + " method and create that instead")
        .inFile(src)
        .onLineContaining("@Async // here");
  }

  @Test
  void anAsyncMethodInALocalClassOrAClassInsideOneIsRejected() {
    JavaFileObject src =
        source(
            "  static Object make() {\n"
                + "    class Local {\n"
                + "      @io.asyncio4j.Async int f() { await(sleep(Duration.ZERO)); return 1; }\n"
                + "      class Member {\n"
                + "        @Async int g() { return 2; }\n"
                + "      }\n"
                + "    }\n"
                + "    return new Local();\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining("[AsyncInPrivateClass] @Async methods must be declared in a class the"
            + " generated companion can reach, but Local is private or local")
        .inFile(src)
        .onLineContaining("@io.asyncio4j.Async int f()");
    assertThat(c)
        .hadErrorContaining("[AsyncInPrivateClass]")
        .inFile(src)
        .onLineContaining("@Async int g()");
  }

  @Test
  void anotherAnnotationNamedAsyncInAnAnonymousClassIsLeftAlone() {
    JavaFileObject src =
        source(
            "  @interface Async {}\n"
                + "  static Runnable make() {\n"
                + "    return new Runnable() { @Async public void run() {} };\n"
                + "  }");
    assertThat(compile(src)).succeededWithoutWarnings();
  }

  @Test
  void anEnumConstantBodyMethodThatOverridesNoAsyncMethodIsRejected() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "demo.Op",
            String.join(
                "\n",
                "package demo;",
                "import static io.asyncio4j.Asyncio.await;",
                "import static io.asyncio4j.Asyncio.sleep;",
                "import io.asyncio4j.Async;",
                "import java.time.Duration;",
                "enum Op {",
                "  PLUS {",
                "    @Override @Async int apply(int a) { await(sleep(Duration.ZERO)); return a; }",
                "  };",
                "  abstract int apply(int a);",
                "}"));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncInEnumConstantBody] this @Async method in the body of enum constant PLUS"
                + " overrides no @Async method of the enum; the constant's @Async methods run as"
                + " the enum's, so declare apply in the enum with @Async and a default body, and"
                + " override it here")
        .inFile(src)
        .onLineContaining("@Override @Async int apply");
  }

  @Test
  void anEnumConstantBodyMethodUsingTheBodysOwnMembersIsRejected() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "demo.Op",
            String.join(
                "\n",
                "package demo;",
                "import static io.asyncio4j.Asyncio.await;",
                "import static io.asyncio4j.Asyncio.sleep;",
                "import io.asyncio4j.Async;",
                "import java.time.Duration;",
                "enum Op {",
                "  PLUS {",
                "    int bias = 1;",
                "    @Override @Async int apply(int a) {",
                "      await(sleep(Duration.ZERO));",
                "      return a + this.bias;",
                "    }",
                "  },",
                "  MINUS {",
                "    @Override @Async int apply(int a) {",
                "      return super.apply(-a);",
                "    }",
                "  };",
                "  @Async int apply(int a) { return a; }",
                "}"));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncInEnumConstantBody] this @Async method in the body of enum constant PLUS uses"
                + " bias, which the constant body declares; the constant's @Async methods run as"
                + " the enum's, so move what it uses to the enum")
        .inFile(src)
        .onLineContaining("return a + this.bias");
    assertThat(c)
        .hadErrorContaining(
            "[AsyncInEnumConstantBody] this @Async method in the body of enum constant MINUS calls"
                + " super.apply")
        .inFile(src)
        .onLineContaining("super.apply(-a)");
  }

  @Test
  void aHandWrittenTypeWithTheCompanionsNameIsReportedAtTheClass() {
    JavaFileObject taken =
        JavaFileObjects.forSourceString(
            "demo.DemoAsync", "package demo; public interface DemoAsync { String greet(); }");
    JavaFileObject src =
        source(
            "  @Async\n"
                + "  static String greet() {\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    return \"hi\";\n"
                + "  }");
    Compilation c = TestCompilers.withProcessors(new AsyncProcessor()).compile(src, taken);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncCompanionNameTaken] the @Async methods of Demo compile into the companion class"
                + " demo.DemoAsync, but a type of that name already exists; rename that type")
        .inFile(src)
        .onLineContaining("public class Demo");
  }

  @Test
  void xlintAllWithProcessingAndWerrorStaysClean() {
    JavaFileObject src =
        source(
            "  @Async\n"
                + "  static int one() {\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    return 1;\n"
                + "  }");
    assertThat(compileStrictly(src)).succeededWithoutWarnings();
  }

  @Test
  void theUsersSuppressWarningsAndSafeVarargsCarryOverUnderWerror() {
    JavaFileObject src =
        source(
            "  @Deprecated static int legacy(int x) { return x; }\n"
                + "  @SuppressWarnings({\"removal\", \"deprecation\", \"rawtypes\", \"unchecked\"})\n"
                + "  @Async\n"
                + "  static int run(List raw) {\n"
                + "    Integer boxed = new Integer(await(sleep(Duration.ZERO, 1)));\n"
                + "    List copy = new ArrayList(raw);\n"
                + "    copy.add(boxed);\n"
                + "    return legacy(boxed) + copy.size();\n"
                + "  }\n"
                + "  @SafeVarargs\n"
                + "  @Async\n"
                + "  static <T> List<T> collect(T... xs) {\n"
                + "    List<T> out = new ArrayList<>();\n"
                + "    for (T x : xs) out.add(await(sleep(Duration.ZERO, x)));\n"
                + "    return out;\n"
                + "  }\n"
                + "  static Object use() {\n"
                + "    return DemoAsync.collect(List.of(1), List.of(2));\n"
                + "  }");
    assertThat(compileStrictly(src)).succeededWithoutWarnings();
  }

  @Test
  void aRuntimeExceptionCatchThatRethrowsLeavesLaterCatchesUnwarned() {
    JavaFileObject src =
        source(
            "  @Async\n"
                + "  static String load() {\n"
                + "    try {\n"
                + "      return await(sleep(Duration.ZERO, \"ok\"));\n"
                + "    } catch (RuntimeException e) {\n"
                + "      throw e;\n"
                + "    } catch (Exception e) {\n"
                + "      return \"failed: \" + e;\n"
                + "    }\n"
                + "  }");
    assertThat(compileStrictly(src)).succeededWithoutWarnings();
  }

  /** Records which annotations it was offered, as a processor after asyncio4j's would be. */
  static final class Recorder extends AbstractProcessor {
    final List<String> seen = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      annotations.forEach(a -> seen.add(a.getQualifiedName().toString()));
      return false;
    }
  }

  @Test
  void onlyAsyncio4jsOwnAnnotationsAreClaimed() throws IOException {
    JavaFileObject marker =
        JavaFileObjects.forSourceString("demo.Marker", "package demo; public @interface Marker {}");
    JavaFileObject src =
        source(
            "  @Marker\n"
                + "  @Async\n"
                + "  static int one() {\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    return 1;\n"
                + "  }");
    Recorder after = new Recorder();
    Compilation c =
        TestCompilers.withProcessors(new AsyncProcessor(), new ClaimingProcessor(), after)
            .compile(src, marker);
    assertThat(c).succeeded();
    // Round 1 offers demo.Marker (not @Async), round 2 the companion's java.lang annotations
    // (not @Generated or @SourceMap).
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("demo.Marker"),
        after.seen.stream().filter(n -> !n.startsWith("java.lang.")).toList());
  }
}
