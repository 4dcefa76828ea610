package io.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Async;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A named-module application ({@code requires io.asyncio4j;} and nothing else) builds with the
 * processor under {@code -Xlint:all -Werror} and runs on the module path: the runtime is module
 * {@code io.asyncio4j}, and companions need no other {@code requires} (no {@code @Generated} from
 * {@code java.compiler}). The run covers what generated code does reflectively: an overridden
 * {@code @Async} method's dispatch and a private member's handle.
 */
class NamedModuleTest {
  private static final String MAIN =
      String.join(
          "\n",
          "package app;",
          "",
          "import static io.asyncio4j.Asyncio.await;",
          "import static io.asyncio4j.Asyncio.sleep;",
          "",
          "import io.asyncio4j.Async;",
          "import io.asyncio4j.Asyncio;",
          "import java.time.Duration;",
          "",
          "public class Main {",
          "  private int count = 40;",
          "",
          "  @Async",
          "  String greet(String name) {",
          "    await(sleep(Duration.ZERO));",
          "    count += 2;",
          "    return \"hi \" + name + \" \" + count;",
          "  }",
          "",
          "  static class Loud extends Main {",
          "    @Override",
          "    @Async",
          "    String greet(String name) {",
          "      await(sleep(Duration.ZERO));",
          "      return \"HI \" + name;",
          "    }",
          "  }",
          "",
          "  @Async",
          "  static int one() {",
          "    await(sleep(Duration.ZERO));",
          "    return 1;",
          "  }",
          "",
          "  public static void main(String[] args) {",
          "    System.out.println(Asyncio.run(MainAsync.greet(new Main(), \"module\")));",
          "    System.out.println(Asyncio.run(MainAsync.greet(new Loud(), \"module\")));",
          "    System.out.println(Asyncio.run(MainAsync.one()));",
          "    System.out.println(Main.class.getModule().getName() + \" \""
              + " + Asyncio.class.getModule().getName());",
          "  }",
          "}",
          "");

  @Test
  @Timeout(120)
  void aNamedModuleBuildsCleanAndRunsOnTheModulePath(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"), "module app {\n  requires io.asyncio4j;\n}\n");
    Files.writeString(src.resolve("app/Main.java"), MAIN);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path gen = Files.createDirectories(dir.resolve("gen"));
    String runtime = location(Async.class);
    String processorPath =
        // By name: the class's @AutoService is not on this class path (a warning under -Werror).
        location(Class.forName("io.asyncio4j.processor.AsyncProcessor"))
            + File.pathSeparator + location(com.palantir.javapoet.JavaFile.class);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    boolean ok;
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        Stream<Path> walk = Files.walk(src)) {
      List<File> sources = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
      List<String> options =
          List.of(
              "-Xlint:all", "-Werror",
              "--module-path", runtime,
              "--processor-path", processorPath,
              "-d", out.toString(),
              "-s", gen.toString());
      ok = javac.getTask(log, files, null, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
    }
    assertEquals("", log.toString(), "javac output");
    assertEquals(true, ok);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("--module-path", out + File.pathSeparator + runtime, "-m", "app/app.Main"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals("hi module 42\nHI module\n1\napp io.asyncio4j\n", output.replace("\r\n", "\n"));
    assertEquals(0, p.exitValue());
  }

  private static String location(Class<?> c) throws URISyntaxException, IOException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
