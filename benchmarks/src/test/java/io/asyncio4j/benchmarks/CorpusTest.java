package io.asyncio4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile-time corpus compiles with and without the processor, and the bench reports. */
class CorpusTest {
  @Test
  void corpusHasTheRequestedMethodsInClassesOfTen(@TempDir Path dir) throws Exception {
    List<Path> files = Corpus.write(dir, 25, 10);
    assertEquals(3, files.size());
    int methods = 0;
    for (Path file : files) {
      methods += Files.readString(file).split("@Async\n", -1).length - 1;
    }
    assertEquals(25, methods);
  }

  @Test
  void compileTimeBenchCompilesTheCorpusBothWays(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CompileTimeBench.main(
          new String[] {"methods=20", "warmup=0", "reps=1", "processreps=1", "keep=" + dir});
    } finally {
      System.setOut(stdout);
    }
    String line = out.toString(StandardCharsets.UTF_8).strip();
    assertTrue(
        line.matches(
            "compile_time methods=20 classes=2 reps=1 javac_ms=\\d+\\.\\d processor_ms=\\d+\\.\\d"
                + " ratio=\\d+\\.\\d{3} warm_processor_ms=\\d+\\.\\d warm_ratio=\\d+\\.\\d{3}"
                + " generated_ms=\\d+\\.\\d twice_ms=\\d+\\.\\d floor_ratio=\\d+\\.\\d{3}"
                + " process_javac_ms=\\d+\\.\\d process_processor_ms=\\d+\\.\\d"
                + " process_ratio=\\d+\\.\\d{3} source_kb=\\d+ generated_kb=\\d+"),
        line);
  }
}
