package io.asyncio4j.processor.diag;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import io.asyncio4j.processor.TestCompilers;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What no handle can reach: one tagged error at the user's line, and no companion. */
class AccessErrorsTest {
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
            "import java.util.List;",
            "import java.util.function.Function;",
            "import java.util.function.Supplier;",
            "",
            "public class Demo {",
            "  private int count;",
            "  private Demo() {}",
            "  private Demo(int count) { this.count = count; }",
            "  private Demo(String s) {}",
            "  private String label(String s) { return s; }",
            body,
            "}",
            ""));
  }

  private static Compilation compile(JavaFileObject source) {
    return TestCompilers.withProcessors(new AsyncProcessor()).compile(source);
  }

  private static void assertOneError(String body, String message, String line) {
    JavaFileObject src = source(body);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(message).inFile(src).onLineContaining(line);
  }

  @Test
  void aPrivateNestedTypeIsRejectedOncePerType() {
    assertOneError(
        "  private enum State { IDLE, BUSY }\n"
            + "  @Async static String run() {\n"
            + "    State s = State.IDLE;\n"
            + "    await(sleep(Duration.ZERO));\n"
            + "    return s + \" \" + State.BUSY;\n"
            + "  }",
        "[AsyncPrivateType] the private type State cannot be named by the generated companion,"
            + " which is another top-level class; make State package-private",
        "State s = State.IDLE;");
  }

  @Test
  void aPrivateNestedTypeInTheSignatureIsRejected() {
    JavaFileObject src =
        source(
            "  private record Entry(int v) {}\n"
                + "  @Async static int run(List<Entry> entries) {\n"
                + "    await(sleep(Duration.ZERO));\n"
                + "    return entries.size();\n"
                + "  }");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c)
        .hadErrorContaining("[AsyncPrivateType] the private type Entry cannot be named")
        .inFile(src)
        .onLineContaining("static int run(List<Entry> entries)");
  }

  @Test
  void overloadedPrivateConstructorsOfOneArityAreRejected() {
    assertOneError(
        "  @Async static Demo make() {\n"
            + "    await(sleep(Duration.ZERO));\n"
            + "    return new Demo(1);\n"
            + "  }",
        "[AsyncUnsupported] a call of the overloaded private constructors of Demo is not supported"
            + " around an await yet; create it in a helper method of the class, or make the"
            + " constructor package-private",
        "return new Demo(1);");
  }

  @Test
  void anAnonymousSubclassOfAPrivateConstructorIsRejected() {
    assertOneError(
        "  @Async static Demo make() {\n"
            + "    await(sleep(Duration.ZERO));\n"
            + "    return new Demo() {};\n"
            + "  }",
        "[AsyncUnsupported] an anonymous subclass of Demo, whose constructor is private, is not"
            + " supported around an await yet",
        "return new Demo() {};");
  }

  @Test
  void aBoundReferenceToAPrivateMethodOfAnotherInstanceIsRejected() {
    assertOneError(
        "  @Async String run(Demo other) {\n"
            + "    await(sleep(Duration.ZERO));\n"
            + "    Function<String, String> f = other::label;\n"
            + "    return f.apply(\"x\");\n"
            + "  }",
        "[AsyncUnsupported] a method reference to label, which the companion cannot reach through"
            + " another instance, is not supported around an await yet; write it as a lambda",
        "other::label");
  }

  @Test
  void aPrivateFieldOfAReceiverOfUnknownTypeIsRejected() {
    assertOneError(
        "  <T> T same(T t) { return t; }\n"
            + "  @Async int run(Demo other) {\n"
            + "    await(sleep(Duration.ZERO));\n"
            + "    return this.same(other).count;\n"
            + "  }",
        "[AsyncPrivateAccess] the private field count is selected on an expression whose type the"
            + " processor cannot tell, so the generated class cannot reach it; assign the"
            + " expression to a local of its type first",
        "return this.same(other).count;");
  }

  @Test
  void aCompoundAssignmentThroughAComputedReceiverIsRejected() {
    assertOneError(
        "  Demo next() { return this; }\n"
            + "  @Async void run() {\n"
            + "    next().count += await(sleep(Duration.ZERO, 2));\n"
            + "  }",
        "[AsyncUnsupported] a compound assignment to the private field count of a computed"
            + " receiver is not supported around an await yet; assign the receiver to a local first",
        "next().count +=");
  }

  @Test
  void anIncrementOfABoxedPrivateFieldIsRejected() {
    assertOneError(
        "  private Integer boxed = 0;\n"
            + "  @Async void run() {\n"
            + "    await(sleep(Duration.ZERO));\n"
            + "    boxed++;\n"
            + "  }",
        "[AsyncUnsupported] ++ or -- of the boxed private field boxed is not supported around an"
            + " await yet; write boxed = boxed + 1",
        "boxed++;");
  }
}
