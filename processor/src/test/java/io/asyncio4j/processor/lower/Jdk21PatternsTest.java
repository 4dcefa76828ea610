package io.asyncio4j.processor.lower;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import io.asyncio4j.processor.TestCompilers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDK 21 pattern matching around awaits: {@code switch} with type and record patterns, guards and
 * {@code case null}, and record patterns in {@code instanceof}. The release-17 build cannot
 * compile these forms, so the fixture is compiled here by the running javac with {@code --release
 * 21} (with the real processor), loaded and run; skipped on a JDK before 21 (CI's JDK 25 runs it).
 * Expected values are what the bodies give as plain Java.
 */
class Jdk21PatternsTest {
  private static ClassLoader loader;

  private static final String SOURCE = String.join("\n",
      "package demo;",
      "",
      "import static io.asyncio4j.Asyncio.*;",
      "",
      "import io.asyncio4j.*;",
      "import java.time.Duration;",
      "import java.util.ArrayList;",
      "import java.util.List;",
      "",
      "public class Shapes {",
      "  sealed interface Shape permits Circle, Square, Group {}",
      "  record Circle(double r) implements Shape {}",
      "  record Square(double side) implements Shape {}",
      "  record Group(Shape first, Shape second) implements Shape {}",
      "",
      "  static boolean suspend;",
      "",
      "  static <T> Awaitable<T> v(T x) {",
      "    if (suspend) {",
      "      return sleep(Duration.ZERO, x);",
      "    }",
      "    Future<T> f = getRunningLoop().createFuture();",
      "    f.setResult(x);",
      "    return f;",
      "  }",
      "",
      "  @Async",
      "  static String describe(Shape s) {",
      "    return switch (s) {",
      "      case Circle c when c.r() > await(v(1.0)) -> \"big circle \" + await(v(c.r()));",
      "      case Circle c -> \"circle \" + c.r();",
      "      case Square(double side) when side > 5 -> \"big square \" + side;",
      "      case Square q -> \"square \" + await(v(q.side()));",
      "      case Group(Circle(var r), var second) -> \"group of circle \" + r + \" and \" + describe(second);",
      "      case Group g -> \"group \" + await(v(g.first().getClass().getSimpleName()));",
      "    };",
      "  }",
      "",
      "  @Async",
      "  static String selector(Object o) {",
      "    String out;",
      "    switch (await(v(o == null ? (Object) \"null!\" : o))) {",
      "      case String str when str.equals(\"null!\") -> out = \"was null\";",
      "      case String str when str.isEmpty() -> out = \"empty\";",
      "      case String str -> {",
      "        await(v(0));",
      "        out = \"string \" + str.length();",
      "      }",
      "      case Integer i when i > await(v(10)) -> out = \"big int \" + i;",
      "      case Integer i -> out = \"int \" + i;",
      "      default -> out = \"other\";",
      "    }",
      "    return out;",
      "  }",
      "",
      "  @Async",
      "  static String nulls(Object o) {",
      "    await(v(0));",
      "    return switch (o) {",
      "      case null -> \"null\";",
      "      case String str -> \"string \" + await(v(str));",
      "      default -> \"other \" + o;",
      "    } + \"|\" + switch (o) {",
      "      case Integer i when i > 0 -> \"positive\";",
      "      case null, default -> \"else\";",
      "    };",
      "  }",
      "",
      "  @Async",
      "  @SuppressWarnings(\"fallthrough\")",
      "  static String colonForm(Object o) {",
      "    StringBuilder sb = new StringBuilder();",
      "    switch (o) {",
      "      case Integer i when i > await(v(0)):",
      "        sb.append(\"pos \").append(await(v(i)));",
      "        break;",
      "      case Integer i:",
      "        sb.append(\"int \").append(i).append(' ');",
      "      default:",
      "        sb.append(await(v(\"tail\")));",
      "    }",
      "    return sb.toString();",
      "  }",
      "",
      "  @Async",
      "  static String instanceOf(Object o) {",
      "    if (o instanceof Group(Circle(double r), Square q) && r > 0) {",
      "      await(v(0));",
      "      return \"circle \" + r + \" square \" + q.side();",
      "    }",
      "    if (!(await(v(o)) instanceof Circle(var r))) {",
      "      return \"not a circle\";",
      "    }",
      "    await(v(0));",
      "    return \"circle \" + r;",
      "  }",
      "",
      "  @Async",
      "  static List<String> sameNames(List<Object> xs) {",
      "    List<String> out = new ArrayList<>();",
      "    for (Object x : xs) {",
      "      switch (x) {",
      "        case Circle(var v) -> out.add(\"c\" + await(v(v)));",
      "        case Square(var v) -> out.add(\"s\" + v);",
      "        default -> {",
      "          String v = \"?\";",
      "          await(v(0));",
      "          out.add(v);",
      "        }",
      "      }",
      "    }",
      "    return out;",
      "  }",
      "",
      "  public static Object run(String method, Object arg, boolean suspend) throws Exception {",
      "    Shapes.suspend = suspend;",
      "    Class<?> param = method.equals(\"describe\") ? Shape.class",
      "        : method.equals(\"sameNames\") ? List.class : Object.class;",
      "    Coroutine<?> c = (Coroutine<?>) ShapesAsync.class.getDeclaredMethod(method, param)",
      "        .invoke(null, arg);",
      "    return Asyncio.run(c);",
      "  }",
      "",
      "  public static Object shape(String kind, double a, double b) {",
      "    return switch (kind) {",
      "      case \"circle\" -> new Circle(a);",
      "      case \"square\" -> new Square(a);",
      "      case \"group\" -> new Group(new Circle(a), new Square(b));",
      "      default -> new Group(new Square(a), new Circle(b));",
      "    };",
      "  }",
      "}",
      "");

  @BeforeAll
  static void compile() {
    if (Runtime.version().feature() < 21) {
      return;
    }
    JavaFileObject src = JavaFileObjects.forSourceString("demo.Shapes", SOURCE);
    Compilation c =
        TestCompilers.withProcessors(new AsyncProcessor())
            .withOptions("--release", "21", "-Xlint:all,-processing", "-Werror")
            .compile(src);
    assertThat(c).succeededWithoutWarnings();
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.toUri().getPath();
        String name = path.substring(path.indexOf("/demo/") + 1, path.length() - ".class".length());
        try (InputStream in = f.openInputStream()) {
          classes.put(name.replace('/', '.'), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    loader =
        new ClassLoader(Jdk21PatternsTest.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
          }
        };
  }

  private static Object run(String method, Object arg, boolean suspend) throws Exception {
    return loader.loadClass("demo.Shapes")
        .getMethod("run", String.class, Object.class, boolean.class)
        .invoke(null, method, arg, suspend);
  }

  private static Object shape(String kind, double a, double b) throws Exception {
    return loader.loadClass("demo.Shapes")
        .getMethod("shape", String.class, double.class, double.class)
        .invoke(null, kind, a, b);
  }

  @Test
  void patternSwitchWithAwaitsInGuardsAndArms() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "JDK 21 patterns need JDK 21+");
    for (boolean suspend : new boolean[] {false, true}) {
      assertEquals("big circle 2.0", run("describe", shape("circle", 2, 0), suspend));
      assertEquals("circle 0.5", run("describe", shape("circle", 0.5, 0), suspend));
      assertEquals("big square 6.0", run("describe", shape("square", 6, 0), suspend));
      assertEquals("square 3.0", run("describe", shape("square", 3, 0), suspend));
      assertEquals(
          "group of circle 3.0 and square 4.0", run("describe", shape("group", 3, 4), suspend));
      assertEquals("group Square", run("describe", shape("other", 3, 4), suspend));
    }
  }

  @Test
  void awaitInTheSelectorAndGuardsResumeMatchingWithTheNextCase() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "JDK 21 patterns need JDK 21+");
    for (boolean suspend : new boolean[] {false, true}) {
      assertEquals("was null", run("selector", null, suspend));
      assertEquals("empty", run("selector", "", suspend));
      assertEquals("string 3", run("selector", "abc", suspend));
      assertEquals("big int 11", run("selector", 11, suspend));
      assertEquals("int 10", run("selector", 10, suspend));
      assertEquals("other", run("selector", 2.5, suspend));
      assertEquals("null|else", run("nulls", null, suspend));
      assertEquals("string s|else", run("nulls", "s", suspend));
      assertEquals("other 5|positive", run("nulls", 5, suspend));
      assertEquals("pos 3", run("colonForm", 3, suspend));
      assertEquals("int -3 tail", run("colonForm", -3, suspend));
      assertEquals("tail", run("colonForm", "x", suspend));
    }
  }

  @Test
  void recordPatternBindingsLiveAcrossAwaits() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "JDK 21 patterns need JDK 21+");
    for (boolean suspend : new boolean[] {false, true}) {
      assertEquals("circle 1.5 square 2.0", run("instanceOf", shape("group", 1.5, 2), suspend));
      assertEquals("not a circle", run("instanceOf", shape("group", -1, 2), suspend));
      assertEquals("circle 4.0", run("instanceOf", shape("circle", 4, 0), suspend));
      assertEquals("not a circle", run("instanceOf", null, suspend));
      assertEquals(
          java.util.List.of("c1.0", "s2.0", "?"),
          run("sameNames",
              java.util.List.of(shape("circle", 1, 0), shape("square", 2, 0), "x"), suspend));
    }
  }
}
