package io.asyncio4j.processor.diag;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code async with} and {@code async for} where nothing awaits them: a try-with-resources over an
 * AsyncCloseable or a for over an AsyncIterable outside an {@code @Async} body.
 */
class AsyncFormsErrorsTest {
  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString(
        "demo.Demo",
        String.join(
            "\n",
            "package demo;",
            "",
            "import static io.asyncio4j.Asyncio.await;",
            "",
            "import io.asyncio4j.Async;",
            "import io.asyncio4j.Lock;",
            "import io.asyncio4j.Queue;",
            "import io.asyncio4j.TaskGroup;",
            "",
            "public class Demo {",
            body,
            "}",
            ""));
  }

  private static Compilation compile(JavaFileObject source) {
    return io.asyncio4j.processor.TestCompilers.withProcessors(new AsyncProcessor())
        .compile(source);
  }

  private static final String WITH =
      "[AsyncWithOutsideAsync] a try-with-resources over an AsyncCloseable awaits its close and"
          + " works only directly in an @Async method, but this one is in ";
  private static final String FOR =
      "[AsyncForOutsideAsync] a for loop over an AsyncIterable awaits each element and works only"
          + " directly in an @Async method, but this one is in ";

  @Test
  void asyncCloseableInAPlainMethodIsRejected() {
    JavaFileObject src =
        source(
            "  void f() {\n"
                + "    try (TaskGroup tg = new TaskGroup()) {\n"
                + "      tg.toString();\n"
                + "    }\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(WITH + "a method that is not @Async; move it into an @Async method")
        .inFile(src)
        .onLineContaining("TaskGroup tg = new TaskGroup()");
  }

  @Test
  void asyncCloseableInALambdaInsideAnAsyncMethodIsRejected() {
    JavaFileObject src =
        source(
            "  @Async void f(Lock lock) {\n"
                + "    Runnable r = () -> {\n"
                + "      try (Lock.Held h = null) {\n"
                + "        h.toString();\n"
                + "      }\n"
                + "    };\n"
                + "    r.run();\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(WITH + "a lambda")
        .inFile(src)
        .onLineContaining("Lock.Held h = null");
  }

  @Test
  void asyncForInAPlainMethodIsRejected() {
    JavaFileObject src =
        source(
            "  int f(Queue<String> q) {\n"
                + "    int n = 0;\n"
                + "    for (String s : q) {\n"
                + "      n += s.length();\n"
                + "    }\n"
                + "    return n;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(FOR + "a method that is not @Async; move it into an @Async method")
        .inFile(src)
        .onLineContaining("for (String s : q)");
  }

  @Test
  void asyncFormsDirectlyInAnAsyncMethodCompile() {
    JavaFileObject src =
        source(
            "  @Async int f(Queue<String> q, Lock lock) {\n"
                + "    int n = 0;\n"
                + "    try (Lock.Held h = await(lock.hold()); TaskGroup tg = new TaskGroup()) {\n"
                + "      for (String s : q) {\n"
                + "        n += s.length() + tg.hashCode() * 0 + h.hashCode() * 0;\n"
                + "      }\n"
                + "    }\n"
                + "    return n;\n"
                + "  }");
    assertThat(compile(src)).succeededWithoutWarnings();
  }
}
