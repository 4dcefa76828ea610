package io.asyncio4j.processor.diag;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.asyncio4j.processor.AsyncProcessor;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Rounds and compiler environments: deferral to a later round, and a non-javac environment. */
class EnvironmentErrorsTest {
  private static final JavaFileObject USES_GENERATED =
      JavaFileObjects.forSourceString(
          "demo.Uses",
          String.join(
              "\n",
              "package demo;",
              "import static io.asyncio4j.Asyncio.await;",
              "import static io.asyncio4j.Asyncio.sleep;",
              "import io.asyncio4j.Async;",
              "import java.time.Duration;",
              "@Trigger",
              "public class Uses {",
              "  @Async public String f() {",
              "    var g = new Gen();",
              "    await(sleep(Duration.ZERO));",
              "    return g.toString();",
              "  }",
              "}"));

  private static final JavaFileObject TRIGGER =
      JavaFileObjects.forSourceString(
          "demo.Trigger", "package demo; public @interface Trigger {}");

  /** Generates {@code demo.Gen} in the first round, as another processor would. */
  static final class GenProcessor extends AbstractProcessor {
    private boolean done;

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
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("demo.Gen").openWriter()) {
          w.write("package demo; public class Gen { public @interface Trigger {}"
              + " @Override public String toString() { return \"gen\"; } }");
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
      return false;
    }
  }

  @Test
  void aTypeGeneratedThisRoundDefersTheMethodToTheNextRound() {
    Compilation c =
        io.asyncio4j.processor.TestCompilers.withProcessors(new GenProcessor(), new AsyncProcessor())
            .compile(USES_GENERATED, TRIGGER);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("demo.UsesAsync").contentsAsUtf8String().contains("private demo.Gen g;");
  }

  /** A processor environment that is not javac's, like Gradle's or IntelliJ's wrappers. */
  static final class Wrapped extends AbstractProcessor {
    private final AsyncProcessor delegate = new AsyncProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      ProcessingEnvironment wrapped =
          (ProcessingEnvironment)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {ProcessingEnvironment.class},
                  (proxy, method, args) -> method.invoke(env, args));
      delegate.init(wrapped);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  @Test
  void aCompilerWithoutTheTreeApiGetsOneClearError() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "demo.A",
            "package demo; import io.asyncio4j.Async; class A { @Async void f() {} }");
    Compilation c = io.asyncio4j.processor.TestCompilers.withProcessors(new Wrapped()).compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[AsyncNotJavac] the asyncio4j processor needs the javac"
        + " compiler tree API");
  }

  /** Feeds the processor a round that fails, standing in for any processor bug. */
  static final class Crashing extends AbstractProcessor {
    private final AsyncProcessor delegate = new AsyncProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(env);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      RoundEnvironment broken =
          (RoundEnvironment)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {RoundEnvironment.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("getRootElements")) {
                      throw new IllegalStateException("boom");
                    }
                    return method.invoke(round, args);
                  });
      return delegate.process(annotations, broken);
    }
  }

  @Test
  void aProcessorBugIsOneClearErrorNotACompilerCrash() {
    JavaFileObject src =
        JavaFileObjects.forSourceString(
            "demo.A",
            "package demo; import io.asyncio4j.Async; class A { @Async void f() {} }");
    Compilation c = io.asyncio4j.processor.TestCompilers.withProcessors(new Crashing()).compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[AsyncProcessorCrash] the asyncio4j processor failed on this"
        + " round; please report this bug with this trace: java.lang.IllegalStateException: boom");
  }
}
