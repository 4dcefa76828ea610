package io.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor artifact must register itself for javac's service lookup, or users' builds would
 * silently generate nothing; and the claiming processor must come after the compiling one, or
 * javac would not offer a round with only {@code @Async} in it to the compiling one.
 */
class ProcessorPackagingTest {
  @Test
  void processorArtifactRegistersTheAsyncProcessorService() throws IOException {
    List<String> entries = new ArrayList<>();
    for (URL url :
        Collections.list(
            getClass()
                .getClassLoader()
                .getResources("META-INF/services/javax.annotation.processing.Processor"))) {
      if (url.toString().contains("processor")) {
        try (InputStream in = url.openStream()) {
          entries.addAll(
              List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\\R")));
        }
      }
    }
    assertEquals(
        List.of("io.asyncio4j.processor.AsyncProcessor", "io.asyncio4j.processor.ClaimingProcessor"),
        entries);
  }
}
