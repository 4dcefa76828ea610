package io.asyncio4j.processor.scan;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import io.asyncio4j.processor.TestCompilers;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The safety net: javac's attributed trees against the calls the processor awaited. */
class DirectCallCheckerTest {
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
            "import java.util.function.Function;",
            "",
            "public class Demo {",
            "  @Async static String page(String url) {",
            "    await(sleep(Duration.ZERO));",
            "    return url;",
            "  }",
            "",
            body,
            "}",
            ""));
  }

  private static Compilation compile(JavaFileObject source) {
    return TestCompilers.withProcessors(new AsyncProcessor()).compile(source);
  }

  @AfterEach
  void reset() {
    DirectCallChecker.forgetCallsForTest = false;
  }

  @Test
  void awaitedCallsPass() {
    Compilation c = compile(source("  @Async static int total() {\n    return page(\"a\").length() + Demo.page(\"bc\").length();\n  }"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void aCallTheProcessorMissedIsAnErrorAtTheCall() {
    DirectCallChecker.forgetCallsForTest = true;
    JavaFileObject src = source("  @Async static int total() {\n    int n = 1;\n    return n + page(\"a\").length();\n  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncDirectCall] this call of the @Async method Demo.page is not an inline await in the"
                + " generated code (an asyncio4j bug: please report it), so its body would run as"
                + " plain Java, where await() throws IllegalStateException; write"
                + " await(DemoAsync.page(…)) instead")
        .inFile(src)
        .onLineContaining("return n + page(\"a\")");
  }

  @Test
  void callsInLambdasAreNotAwaitsAndNotChecked() {
    Compilation c = compile(source("  @Async static int total() {\n    Runnable r = () -> page(\"a\");\n    return 1;\n  }"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void aMethodReferenceToAnAsyncMethodIsAnError() {
    JavaFileObject src = source("  @Async static int total() {\n    Function<String, String> f = Demo::page;\n    return 1;\n  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncMethodReference] a method reference to the @Async method Demo.page runs its body"
                + " as plain Java, where await() throws IllegalStateException; use a lambda that"
                + " returns the coroutine DemoAsync.page(…)")
        .inFile(src)
        .onLineContaining("Demo::page");
  }

  private static final String DISPATCHED =
      "  interface Fetcher {\n"
          + "    String fetch(String url);\n"
          + "  }\n"
          + "  static final class Http implements Fetcher {\n"
          + "    @Override @Async public String fetch(String url) {\n"
          + "      await(sleep(Duration.ZERO));\n"
          + "      return url;\n"
          + "    }\n"
          + "  }\n"
          + "  @Async static String load(Fetcher f) {\n"
          + "    return f.fetch(\"x\");\n"
          + "  }";

  @Test
  void anAwaitedCallThatDispatchesToAnAsyncOverridePasses() {
    assertThat(compile(source(DISPATCHED))).succeededWithoutWarnings();
  }

  @Test
  void aMissedCallThatDispatchesToAnAsyncOverrideIsAnError() {
    DirectCallChecker.forgetCallsForTest = true;
    JavaFileObject src = source(DISPATCHED);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncDirectCall] this call of Fetcher.fetch can run the @Async method Http.fetch that"
                + " overrides it, whose body then runs as plain Java, where await() throws"
                + " IllegalStateException; call it on a receiver of the @Async method's class, or"
                + " await its coroutine Demo_HttpAsync.fetch(receiver, …)")
        .inFile(src)
        .onLineContaining("return f.fetch(\"x\")");
  }
}
