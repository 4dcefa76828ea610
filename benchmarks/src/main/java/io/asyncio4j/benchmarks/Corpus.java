package io.asyncio4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the compile-time benchmark's corpus: classes of ordinary service-style {@code @Async}
 * methods (awaits in loops, in branches, in {@code try}/{@code catch}/{@code finally}, in a string
 * {@code switch}, under labelled {@code break}/{@code continue}; locals live across awaits; direct
 * calls of other {@code @Async} methods; fields read and written). The corpus compiles with
 * {@code -proc:none} too, so it never names a generated companion class.
 */
final class Corpus {
  /** Method shapes, one after the other; each class has {@code methodsPerClass} of them. */
  private static final int SHAPES = 5;

  private Corpus() {}

  /** Writes {@code methods} methods, {@code methodsPerClass} per class, and returns the files. */
  static List<Path> write(Path root, int methods, int methodsPerClass) throws IOException {
    return write(root, methods, methodsPerClass, "corpus");
  }

  /**
   * Writes the same corpus into packages {@code <prefix>.p0}, {@code <prefix>.p1}, …: a second
   * prefix gives a copy that compiles side by side with the first.
   */
  static List<Path> write(Path root, int methods, int methodsPerClass, String prefix)
      throws IOException {
    if (methods <= 0 || methodsPerClass % SHAPES != 0) {
      throw new IllegalArgumentException(
          "methods: " + methods + ", methodsPerClass: " + methodsPerClass
              + " (expected: methods > 0, methodsPerClass a multiple of " + SHAPES + ")");
    }
    List<Path> files = new ArrayList<>();
    int classes = (methods + methodsPerClass - 1) / methodsPerClass;
    for (int c = 0; c < classes; c++) {
      int count = Math.min(methodsPerClass, methods - c * methodsPerClass);
      String pkg = prefix + ".p" + (c / 10);
      Path dir = Files.createDirectories(root.resolve(pkg.replace('.', '/')));
      Path file = dir.resolve("Service" + c + ".java");
      Files.writeString(file, source(pkg, c, classes, count));
      files.add(file);
    }
    return files;
  }

  private static String source(String pkg, int c, int classes, int count) {
    StringBuilder s = new StringBuilder();
    s.append("package ").append(pkg).append(";\n\n");
    s.append("import static io.asyncio4j.Asyncio.await;\n");
    s.append("import static io.asyncio4j.Asyncio.sleep;\n\n");
    s.append("import io.asyncio4j.Async;\n");
    s.append("import java.io.IOException;\n");
    s.append("import java.time.Duration;\n");
    s.append("import java.util.ArrayList;\n");
    s.append("import java.util.HashMap;\n");
    s.append("import java.util.List;\n");
    s.append("import java.util.Map;\n");
    s.append("import java.util.concurrent.CompletableFuture;\n");
    s.append("import java.util.concurrent.CompletionStage;\n\n");
    s.append("/** Compile-time corpus class ").append(c + 1).append(" of ").append(classes);
    s.append(". */\n");
    s.append("public class Service").append(c).append(" {\n");
    s.append("  final Map<String, Integer> cache = new HashMap<>();\n");
    s.append("  int hits;\n");
    s.append("  int errors;\n\n");
    s.append("  CompletionStage<Integer> lookup(String key) {\n");
    s.append("    return CompletableFuture.completedFuture(key.length() * ").append(c + 3);
    s.append(" + hits);\n");
    s.append("  }\n");
    for (int m = 0; m < count; m++) {
      int round = m / SHAPES;
      s.append('\n');
      s.append(method(m % SHAPES, round, c));
    }
    s.append("}\n");
    return s.toString();
  }

  private static String method(int shape, int r, int c) {
    switch (shape) {
      case 0:
        return """
              /** Sums the sizes of {@code keys}, looking up and caching the missing ones. */
              @Async
              int sizeOf%1$d(List<String> keys) {
                int total = 0;
                for (String key : keys) {
                  Integer value = cache.get(key);
                  if (value == null) {
                    value = await(lookup(key + "%2$d"));
                    cache.put(key, value);
                  } else {
                    hits++;
                  }
                  total += value;
                }
                return total;
              }
            """
            .formatted(r, c);
      case 1:
        return """
              /** Describes {@code id}, after a short pause, with its size. */
              @Async
              String describe%1$d(String id) throws IOException {
                StringBuilder sb = new StringBuilder(id);
                try {
                  await(sleep(Duration.ofMillis(id.length() %% %2$d)));
                  int size = sizeOf%1$d(List.of(id, id + "-x"));
                  if (size < 0) {
                    throw new IOException("negative size for " + id);
                  }
                  sb.append(':').append(size);
                } catch (IllegalStateException e) {
                  errors++;
                  sb.append('!').append(e.getMessage());
                } finally {
                  hits--;
                }
                return sb.toString();
              }
            """
            .formatted(r, c + 2);
      case 2:
        return """
              /** Folds {@code n} lookups into {@code seed}, yielding every eighth step. */
              @Async
              long drain%1$d(int n, long seed) {
                long acc = seed;
                int i = 0;
                while (i < n && acc >= 0) {
                  acc = acc * 31 + await(lookup("k" + i));
                  if ((i & 7) == %2$d) {
                    await(sleep(Duration.ZERO));
                  }
                  i++;
                }
                return acc;
              }
            """
            .formatted(r, c % 8);
      case 3:
        return """
              /** Runs one command. */
              @Async
              int route%1$d(String command, int arg) {
                int result;
                switch (command) {
                  case "get":
                    result = await(lookup("get" + arg));
                    break;
                  case "put":
                    cache.put("put" + arg, arg + %2$d);
                    result = arg;
                    break;
                  case "sum":
                    result = sizeOf%1$d(List.of("a", "bb", "ccc")) + arg;
                    break;
                  default:
                    result = -1;
                }
                return result;
              }
            """
            .formatted(r, c);
      case 4:
        return """
              /** Describes up to {@code limit} strings; an empty string ends its group. */
              @Async
              List<String> collect%1$d(List<List<String>> groups, int limit) throws IOException {
                List<String> out = new ArrayList<>();
                outer:
                for (List<String> group : groups) {
                  for (String s : group) {
                    if (out.size() >= limit + %2$d) {
                      break outer;
                    }
                    if (s.isEmpty()) {
                      continue outer;
                    }
                    out.add(describe%1$d(s));
                  }
                }
                return out;
              }
            """
            .formatted(r, c % 3);
      default:
        throw new IllegalArgumentException("shape: " + shape);
    }
  }
}
