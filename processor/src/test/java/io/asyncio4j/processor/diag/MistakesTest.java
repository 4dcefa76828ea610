package io.asyncio4j.processor.diag;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import io.asyncio4j.processor.TestCompilers;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The README's "Common mistakes": each one's exact message and the line it points at. */
class MistakesTest {
  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString(
        "demo.Demo",
        String.join(
            "\n",
            "package demo;",
            "",
            "import static io.asyncio4j.Asyncio.*;",
            "",
            "import io.asyncio4j.Async;",
            "import io.asyncio4j.Asyncio;",
            "import io.asyncio4j.Task;",
            "import java.io.IOException;",
            "import java.time.Duration;",
            "import java.util.List;",
            "",
            "public class Demo {",
            "  @Async static String greet(String name) {",
            "    await(sleep(Duration.ZERO));",
            "    return \"hello \" + name;",
            "  }",
            "",
            body,
            "}",
            ""));
  }

  private static Compilation compile(JavaFileObject source) {
    return TestCompilers.withProcessors(new AsyncProcessor()).compile(source);
  }

  @Test
  void awaitInAMethodWithoutAsyncIsRejected() {
    JavaFileObject src =
        source(
            "  static String plain() {\n"
                + "    return await(DemoAsync.greet(\"x\"));\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncAwaitOutsideAsync] await() is called in plain(...), which is not @Async, so"
                + " nothing can suspend it; add @Async to plain(...), or run a coroutine from plain"
                + " code with Asyncio.run(...)")
        .inFile(src)
        .onLineContaining("return await(DemoAsync");
  }

  @Test
  void createTaskOfADirectCallIsRejectedWithTheEntryPoint() {
    JavaFileObject src =
        source(
            "  @Async static String both() {\n"
                + "    Task<String> t = createTask(greet(\"x\"));\n"
                + "    return await(t);\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncDirectCallNotCoroutine] greet(...) is @Async, and calling it directly awaits it"
                + " inline and gives its String result, not a Coroutine; pass the coroutine"
                + " DemoAsync.greet(\"x\") to createTask(...)")
        .inFile(src)
        .onLineContaining("createTask(greet(");
  }

  @Test
  void asyncioRunOfADirectCallIsRejectedWithTheEntryPoint() {
    JavaFileObject src =
        source(
            "  @Async String mine(int n) { return greet(\"n\" + n); }\n"
                + "  void main() {\n"
                + "    System.out.println(Asyncio.run(mine(1)));\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncDirectCallNotCoroutine] mine(...) is @Async, and calling it directly awaits it"
                + " inline and gives its String result, not a Coroutine; pass the coroutine"
                + " DemoAsync.mine(this, 1) to run(...)")
        .inFile(src)
        .onLineContaining("Asyncio.run(mine(1))");
  }

  @Test
  void awaitOfADirectCallSaysTheCallAlreadyAwaits() {
    JavaFileObject src = source("  @Async static String twice() { return await(greet(\"x\")); }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "pass the coroutine DemoAsync.greet(\"x\") to await(...) (or drop the await: the"
                + " direct call already awaits)")
        .inFile(src)
        .onLineContaining("return await(greet(");
  }

  @Test
  void unqualifiedWaitInAnAsyncBodyIsRejected() {
    JavaFileObject src =
        source(
            "  @Async static int firstDone(List<Task<String>> tasks) {\n"
                + "    var done = await(wait(tasks));\n"
                + "    return 1;\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining(
            "[AsyncUnqualifiedWait] an unqualified wait(...) is Object.wait, which blocks the"
                + " thread; call Asyncio.wait(...)")
        .inFile(src)
        .onLineContaining("await(wait(tasks))");
  }

  @Test
  void aDroppedCoroutineIsAWarningInAnyMethod() {
    JavaFileObject src =
        source(
            "  @Async static void inAsync() {\n"
                + "    sleep(Duration.ofMillis(5));\n"
                + "  }\n"
                + "  static void plain() {\n"
                + "    DemoAsync.greet(\"dropped\");\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(2);
    String text =
        "[AsyncNotAwaited] this coroutine is created but never awaited, so it never runs; await it"
            + " with await(...) or start it with createTask(...), or add"
            + " @SuppressWarnings(\"AsyncNotAwaited\")";
    assertThat(c).hadWarningContaining(text).inFile(src).onLineContaining("sleep(Duration.ofMillis(5));");
    assertThat(c).hadWarningContaining(text).inFile(src).onLineContaining("DemoAsync.greet(\"dropped\");");
  }

  @Test
  void aDroppedFutureIsAWarningButADroppedTaskIsNot() {
    JavaFileObject src =
        source(
            "  @Async static void spawn() {\n"
                + "    createTask(DemoAsync.greet(\"a\"));\n"
                + "    gather(DemoAsync.greet(\"b\"));\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c)
        .hadWarningContaining(
            "[AsyncNotAwaited] this Future<List<String>> is created but never awaited, so nothing"
                + " waits for it and its exception, if any, is lost; await it with await(...), or"
                + " add @SuppressWarnings(\"AsyncNotAwaited\")")
        .inFile(src)
        .onLineContaining("gather(");
  }

  @Test
  void suppressWarningsSilencesTheDroppedCoroutine() {
    JavaFileObject src =
        source(
            "  @SuppressWarnings(\"AsyncNotAwaited\")\n"
                + "  static void plain() {\n"
                + "    DemoAsync.greet(\"dropped on purpose\");\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(0);
  }

  @Test
  void blockingCallsInAnAsyncBodyAreWarnings() {
    JavaFileObject src =
        source(
            "  @Async static String slow(java.util.concurrent.CompletableFuture<String> cf,\n"
                + "      java.util.concurrent.locks.ReentrantLock lock) throws Exception {\n"
                + "    Thread.sleep(10);\n"
                + "    lock.lock();\n"
                + "    lock.unlock();\n"
                + "    String fromToThread = await(toThread(() -> { Thread.sleep(1); return \"ok\"; }));\n"
                + "    return cf.get() + fromToThread;\n"
                + "  }\n"
                + "  static void plain() throws InterruptedException { Thread.sleep(1); }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(3);
    assertThat(c)
        .hadWarningContaining(
            "[AsyncBlockingCall] Thread.sleep(...) blocks the event loop's thread, and every other"
                + " task waits until it returns; use await(sleep(Duration.ofMillis(...))), which"
                + " suspends only this task, or add @SuppressWarnings(\"AsyncBlockingCall\") to the"
                + " method")
        .inFile(src)
        .onLineContaining("Thread.sleep(10)");
    assertThat(c)
        .hadWarningContaining(
            "[AsyncBlockingCall] ReentrantLock.lock(...) blocks the event loop's thread, and every"
                + " other task waits until it returns; use io.asyncio4j.Lock: await(lock.acquire())"
                + " ... lock.release()")
        .inFile(src)
        .onLineContaining("lock.lock()");
    assertThat(c)
        .hadWarningContaining(
            "[AsyncBlockingCall] CompletableFuture.get(...) blocks the event loop's thread, and"
                + " every other task waits until it returns; await(...) it (await accepts a"
                + " CompletionStage)")
        .inFile(src)
        .onLineContaining("cf.get()");
  }

  @Test
  void suppressWarningsSilencesABlockingCall() {
    JavaFileObject src =
        source(
            "  @SuppressWarnings(\"AsyncBlockingCall\")\n"
                + "  @Async static void nap() throws InterruptedException {\n"
                + "    Thread.sleep(1);\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(0);
  }

  @Test
  void aCheckedCatchAroundAwaitIsExplained() {
    JavaFileObject src =
        source(
            "  @Async static String fetch() throws IOException {\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    throw new IOException(\"down\");\n"
                + "  }\n"
                + "  @Async static String viaAwait() {\n"
                + "    try {\n"
                + "      return await(DemoAsync.fetch());\n"
                + "    } catch (IOException e) {\n"
                + "      return \"caught\";\n"
                + "    }\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2); // javac's "never thrown" and ours, on the same line
    assertThat(c)
        .hadErrorContaining(
            "[AsyncCheckedCatchAroundAwait] await(...) declares no checked exceptions, so javac"
                + " rejects this catch of IOException when nothing else in the try throws it (the"
                + " exception does arrive at run time); call the @Async method directly instead (m()"
                + " rather than await(FooAsync.m()): a direct call keeps its throws clause), or"
                + " catch Exception")
        .inFile(src)
        .onLineContaining("catch (IOException e)");
  }

  @Test
  void theDirectCallFormKeepsTheCheckedException() {
    JavaFileObject src =
        source(
            "  @Async static String fetch() throws IOException {\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    throw new IOException(\"down\");\n"
                + "  }\n"
                + "  @Async static String direct() {\n"
                + "    try {\n"
                + "      await(sleep(Duration.ZERO));\n"
                + "      return fetch();\n"
                + "    } catch (IOException e) {\n"
                + "      return \"caught\";\n"
                + "    }\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(0);
  }
}
