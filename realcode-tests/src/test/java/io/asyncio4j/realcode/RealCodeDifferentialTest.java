package io.asyncio4j.realcode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.realcode.RealCodeDiff.Result;
import io.asyncio4j.realcode.RealCodeDiff.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the real-code differential test ({@link RealCodeDiff}) in the scope the build asks for
 * ({@code -Drealcode.scope=quick}, the default, or {@code full}), prints the summary, writes every
 * failing method as a repro file, and fails on any failing method of the quick subset that is not
 * in {@code known-failures.txt} (the compiler's open bugs, listed by case id).
 */
class RealCodeDifferentialTest {

  @Test
  void asyncTwinsOfLibraryMethodsBehaveLikeTheOriginals() throws IOException {
    Path libs = Path.of(System.getProperty("realcode.libs", "target/realcode-libs"));
    Path work = Path.of(System.getProperty("realcode.work", "target/realcode-work"));
    boolean full = "full".equals(System.getProperty("realcode.scope", "quick"));
    long seed = Long.parseLong(System.getProperty("realcode.seed", "1"));
    String only = System.getProperty("realcode.only", "");
    RealCodeDiff diff = new RealCodeDiff(libs, work, full, seed, only);
    diff.run();
    String summary = diff.summary();
    System.out.print(summary);
    // The full run's repros are kept in the repository; the quick subset's stay in target/.
    Path failuresDir =
        full
            ? Path.of(System.getProperty("realcode.failures"))
            : work.resolveSibling("realcode-failures-quick");
    if (only.isEmpty()) {
      Repros.write(failuresDir, diff, summary);
      System.out.println("realcode: repros in " + failuresDir);
    } else {
      for (Result r : diff.failures()) {
        System.out.println(Repros.describe(r));
      }
    }
    Set<String> known = new TreeSet<>();
    try (var in = RealCodeDifferentialTest.class.getResourceAsStream("/known-failures.txt")) {
      if (in != null) {
        for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!l.isBlank() && !l.startsWith("#")) {
            known.add(l.strip());
          }
        }
      }
    }
    List<String> unexpected = new ArrayList<>();
    Set<String> failing = new TreeSet<>();
    for (Result r : diff.failures()) {
      failing.add(r.method.caseId);
      if (!known.contains(r.method.caseId)) {
        unexpected.add(r.verdict + " " + r.method.caseId + "\n" + r.detail);
      }
    }
    if (!full && only.isEmpty() && Boolean.getBoolean("realcode.updateKnown")) {
      Path knownFile = Path.of(System.getProperty("realcode.knownFile"));
      Files.writeString(
          knownFile,
          "# Case ids of the quick subset that fail today (compiler bugs being fixed); regenerate"
              + " with\n"
              + "# -Drealcode.updateKnown=true (see differential-tests/README.md).\n"
              + String.join("\n", failing)
              + "\n",
          StandardCharsets.UTF_8);
      System.out.println("realcode: wrote " + failing.size() + " case ids to " + knownFile);
    } else if (!full && only.isEmpty()) {
      List<String> fixed =
          known.stream().filter(k -> !failing.contains(k)).collect(Collectors.toList());
      if (!fixed.isEmpty()) {
        System.out.println("realcode: now passing, remove from known-failures.txt: " + fixed);
      }
      assertTrue(
          unexpected.isEmpty(),
          "new real-code failures (see realcode-tests/target/realcode-failures-quick):\n"
              + String.join("\n", unexpected));
    }
    assertTrue(diff.results.stream().anyMatch(r -> r.verdict == Verdict.PASS), "nothing ran");
  }
}
