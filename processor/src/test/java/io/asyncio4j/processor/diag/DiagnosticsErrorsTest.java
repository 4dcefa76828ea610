package io.asyncio4j.processor.diag;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per diagnostic: count, text and the line it points at. */
class DiagnosticsErrorsTest {
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
            "import io.asyncio4j.CancelledException;",
            "import java.time.Duration;",
            "import java.util.function.Supplier;",
            "",
            "public class Demo {",
            body,
            "}",
            ""));
  }

  private static Compilation compile(JavaFileObject source) {
    return io.asyncio4j.processor.TestCompilers.withProcessors(new AsyncProcessor()).compile(source);
  }

  @Test
  void awaitInsideLambdaIsRejected() {
    JavaFileObject src =
        source(
            "  @Async int f() {\n"
                + "    Supplier<Object> s = () -> await(sleep(Duration.ZERO));\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncAwaitInLambda] await() cannot be used inside a lambda or method reference;"
                + " move it to the enclosing @Async method")
        .inFile(src)
        .onLineContaining("() -> await(");
  }

  @Test
  void lambdaResultOfAnAwaitingConditionalReadBackIsRejected() {
    JavaFileObject src =
        source(
            "  static Object use(Supplier<Integer> s) { return s.get(); }\n"
                + "  @Async Object f(boolean c, Supplier<Integer> two) {\n"
                + "    Supplier<Integer> ok = c ? () -> 1 : await(sleep(Duration.ZERO, two));\n"
                + "    return use(c ? () -> 3 : await(sleep(Duration.ZERO, two)));\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncUnsupported] a lambda or method reference as the value of a ?: or switch"
                + " expression with an await is not supported around an await yet; assign the ?:"
                + " or switch to a local of the functional interface type first")
        .inFile(src)
        .onLineContaining("use(c ? () -> 3");
  }

  @Test
  void awaitInsideAnonymousClassIsRejected() {
    JavaFileObject src =
        source(
            "  @Async int f() {\n"
                + "    Runnable r = new Runnable() { public void run() {\n"
                + "      await(sleep(Duration.ZERO)); } };\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[AsyncAwaitInClass] await() cannot be used inside an anonymous or local class")
        .inFile(src)
        .onLineContaining("await(sleep");
  }

  @Test
  void awaitInsideLocalClassIsRejected() {
    JavaFileObject src =
        source(
            "  @Async int f() {\n"
                + "    class Local { void g() {\n"
                + "      await(sleep(Duration.ZERO)); } }\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[AsyncAwaitInClass]").inFile(src).onLineContaining("await(sleep");
  }

  @Test
  void aCallThatMayReachAnAsyncOrAPlainOverloadIsRejectedAtTheCall() {
    JavaFileObject src =
        source(
            "  @Async static String fetch(int id) { await(sleep(Duration.ZERO)); return \"id\"; }\n"
                + "  static String fetch(String key) { return key; }\n"
                + "  @Async static String both(java.util.List<String> keys) {\n"
                + "    String known = fetch(1) + fetch(\"k\");\n"
                + "    return known + fetch(java.util.Objects.requireNonNull(keys.get(0)));\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncOverloadUndecided] this call of fetch may reach an @Async overload or a plain one"
                + " with as many parameters, and the processor cannot tell the argument types apart"
                + " here; give the @Async overload its own name, or cast the arguments to its"
                + " parameter types")
        .inFile(src)
        .onLineContaining("return known + fetch(");
  }

  @Test
  void awaitInsideSynchronizedIsRejected() {
    JavaFileObject src =
        source(
            "  @Async int f() {\n"
                + "    synchronized (this) {\n"
                + "      await(sleep(Duration.ZERO));\n"
                + "    }\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncAwaitInSynchronized] await() cannot be used inside a synchronized block, because"
                + " the monitor would be held across a suspension; use io.asyncio4j.Lock instead")
        .inFile(src)
        .onLineContaining("await(sleep");
  }

  @Test
  void awaitInFieldInitializerIsRejected() {
    JavaFileObject src = source("  Object x = await(sleep(Duration.ZERO));");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncAwaitInFieldInitializer] await() cannot be used in a field initializer")
        .inFile(src)
        .onLineContaining("await(sleep");
  }

  @Test
  void awaitInAFieldInitializerOfALocalClassOrSpelledWithAnEscapeIsRejected() {
    JavaFileObject src =
        source(
            "  void plain() {\n"
                + "    Object o = new Object() {\n"
                + "      Object y = await(sleep(Duration.ZERO));\n"
                + "    };\n"
                + "  }\n"
                + "  Object z = \\u0061wait(sleep(Duration.ofMillis(1)));");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncAwaitInFieldInitializer] await() cannot be used in a field initializer")
        .inFile(src)
        .onLineContaining("await(sleep(Duration.ZERO)");
    assertThat(c)
        .hadErrorContaining(
            "[AsyncAwaitInFieldInitializer] await() cannot be used in a field initializer")
        .inFile(src)
        .onLineContaining("wait(sleep(Duration.ofMillis(1)");
  }

  @Test
  void awaitInExplicitConstructorCallIsRejected() {
    JavaFileObject src =
        source(
            "  Demo(Object o) {}\n"
                + "  Demo() {\n"
                + "    this(await(sleep(Duration.ZERO)));\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[AsyncAwaitInConstructorCall] await() cannot be used in an explicit"
            + " constructor call")
        .inFile(src)
        .onLineContaining("this(await(");
  }

  @Test
  void asyncOnAbstractMethodIsRejected() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "demo.Shape",
            "package demo;\n"
                + "import io.asyncio4j.Async;\n"
                + "abstract class Shape {\n"
                + "  @Async abstract int sides();\n"
                + "}\n");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncOnAbstract] @Async requires a method body, but sides is abstract; put @Async on"
                + " the implementations")
        .inFile(src)
        .onLineContaining("abstract int sides");
  }

  @Test
  void asyncOnNativeMethodIsRejected() {
    JavaFileObject src = source("  @Async native int f();");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[AsyncOnNative] @Async requires a Java method body, but f is native")
        .inFile(src)
        .onLineContaining("native int f");
  }

  @Test
  void asyncOnConstructorIsRejectedByItsTarget() {
    JavaFileObject src = source("  @Async Demo() {}");
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("not applicable").inFile(src).onLineContaining("@Async Demo()");
  }

  @Test
  void asyncInPrivateClassIsRejected() {
    JavaFileObject src =
        source("  private static class Hidden {\n    @Async int f() { return 1; }\n  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[AsyncInPrivateClass]")
        .inFile(src)
        .onLineContaining("@Async int f()");
  }

  @Test
  void nonDenotableVarAcrossAwaitIsRejected() {
    JavaFileObject src =
        source(
            "  @Async int f() {\n"
                + "    var anon = new Object() { int n = 1; };\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    return anon.n;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[AsyncNonDenotableVar] the var local anon has type")
        .inFile(src)
        .onLineContaining("var anon");
  }

  @Test
  void superFieldAccessIsUnsupported() {
    JavaFileObject src =
        source(
            "  static class Base { int n; }\n"
                + "  static class Sub extends Base {\n"
                + "    @Async int f() {\n"
                + "      await(sleep(Duration.ZERO));\n"
                + "      return super.n;\n"
                + "    }\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[AsyncUnsupported] super in an @Async body is not supported around an"
            + " await yet; call the superclass method from a helper method")
        .inFile(src)
        .onLineContaining("super.n");
  }

  @Test
  void catchAllAroundAwaitWarnsAboutSwallowedCancellation() {
    JavaFileObject src =
        source(
            "  @Async int f() {\n"
                + "    try {\n"
                + "      await(sleep(Duration.ZERO));\n"
                + "    } catch (Exception e) {\n"
                + "      return 2;\n"
                + "    }\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c)
        .hadWarningContaining(
            "[AsyncSwallowedCancellation] this catch of Exception around an await can swallow"
                + " CancelledException")
        .inFile(src)
        .onLineContaining("catch (Exception e)");
  }

  @Test
  void catchAllThatRethrowsCancellationFirstDoesNotWarn() {
    JavaFileObject src =
        source(
            "  @Async int f() {\n"
                + "    try {\n"
                + "      await(sleep(Duration.ZERO));\n"
                + "    } catch (CancelledException e) {\n"
                + "      throw e;\n"
                + "    } catch (Exception e) {\n"
                + "      return 2;\n"
                + "    }\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(0);
  }

  @Test
  void swallowedCancellationWarningCanBeSuppressedByItsTag() {
    JavaFileObject src =
        source(
            "  @SuppressWarnings(\"AsyncSwallowedCancellation\")\n"
                + "  @Async int f() {\n"
                + "    try {\n"
                + "      await(sleep(Duration.ZERO));\n"
                + "    } catch (Exception e) {\n"
                + "      return 2;\n"
                + "    }\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(0);
  }

  @Test
  void missingTypesAreLeftToJavacToReport() {
    JavaFileObject src =
        source(
            "  @Async int f() {\n"
                + "    var g = new NoSuchType();\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    return g.hashCode();\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("NoSuchType");
  }
}
