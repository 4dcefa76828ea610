package io.asyncio4j.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compiler;
import io.asyncio4j.Async;
import java.io.File;
import java.net.URISyntaxException;
import java.util.List;

/** javac with the asyncio4j processor and the runtime on the class path, on every JDK. */
public final class TestCompilers {
  private TestCompilers() {}

  /** The compiler the tests use; extra processors run before ours. */
  public static Compiler withProcessors(javax.annotation.processing.Processor... extra) {
    return javac().withClasspath(List.of(runtime())).withProcessors(extra);
  }

  private static File runtime() {
    try {
      return new File(Async.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
