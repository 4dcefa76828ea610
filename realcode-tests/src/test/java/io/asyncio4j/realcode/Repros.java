package io.asyncio4j.realcode;

import io.asyncio4j.realcode.RealCodeDiff.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the failing methods of a run as one markdown file each (the error or the differing inputs,
 * the generated code at the error, the twin as compiled, the original method, and the command that
 * reruns just that method), plus {@code FAILURES.md}: the summary and the failures grouped by their
 * first error line.
 */
final class Repros {
  private Repros() {}

  static void write(Path dir, RealCodeDiff diff, String summary) throws IOException {
    TwinCompiler.deleteTree(dir);
    Map<String, List<Result>> groups = new TreeMap<>();
    for (Result r : diff.failures()) {
      String file = r.verdict.name().toLowerCase(java.util.Locale.ROOT) + "/" + fileName(r) + ".md";
      RealCodeDiff.writeQuietly(dir.resolve(file), describe(r));
      groups.computeIfAbsent(r.verdict + ": " + groupKey(r), k -> new ArrayList<>()).add(r);
    }
    StringBuilder sb = new StringBuilder("# Real-code differential failures\n\n```\n");
    sb.append(summary)
        .append("```\n\nOne file per failing method under the verdict's folder; ")
        .append("rerun one with `-Drealcode.only='<case id>'` (see README.md).\n");
    for (Map.Entry<String, List<Result>> g : groups.entrySet()) {
      sb.append("\n## ")
          .append(g.getKey())
          .append(" (")
          .append(g.getValue().size())
          .append(")\n\n");
      for (Result r : g.getValue()) {
        sb.append("- [`")
            .append(r.method.caseId)
            .append("`](")
            .append(r.verdict.name().toLowerCase(java.util.Locale.ROOT))
            .append('/')
            .append(fileName(r))
            .append(".md)\n");
      }
    }
    if (!diff.skippedFiles.isEmpty()) {
      sb.append("\n## Files skipped\n\n");
      diff.skippedFiles.forEach(s -> sb.append("- ").append(s).append('\n'));
    }
    RealCodeDiff.writeQuietly(dir.resolve("FAILURES.md"), sb.toString());
  }

  private static String fileName(Result r) {
    String id = r.method.caseId;
    String cls = id.substring(id.indexOf(':') + 1);
    cls = cls.substring(cls.lastIndexOf('.') + 1);
    return cls.replaceAll("[^A-Za-z0-9_$#.,-]", "_").replace("#", ".");
  }

  /** The first error line without its file and line, or the kind of behaviour difference. */
  static String groupKey(Result r) {
    String first = r.detail.lines().findFirst().orElse("");
    first = first.replaceFirst("^[^ ]+\\.java:\\d+: (error|warning): ", "");
    if (r.verdict == RealCodeDiff.Verdict.BEHAVIOUR_DIFFERS) {
      return "behaviour differs";
    }
    if (first.startsWith("[Async")) {
      return first.replaceFirst("\\].*", "]");
    }
    return first.replaceAll("'[^']*'", "'…'");
  }

  static String describe(Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ")
        .append(r.method.caseId)
        .append("\n\n")
        .append("Verdict: **")
        .append(r.verdict)
        .append("** — library file `")
        .append(r.file.relativePath)
        .append("` (")
        .append(r.file.library)
        .append(")\n\n")
        .append("Rerun just this method (from the project root):\n\n")
        .append(
            "```\n"
                + "mvn -B -ntp -q -pl runtime,processor,realcode-tests verify"
                + " -Dtest=RealCodeDifferentialTest \\\n"
                + "    -Dsurefire.failIfNoSpecifiedTests=false -Drealcode.scope=full"
                + " -Drealcode.only='")
        .append(r.method.caseId)
        .append("'\n```\n\n")
        .append("## What went wrong\n\n```\n")
        .append(r.detail.strip())
        .append("\n```\n");
    if (!r.generatedContext.isEmpty()) {
      sb.append("\n## Generated code at the error\n\n```java\n")
          .append(r.generatedContext)
          .append("```\n");
    }
    sb.append("\n## The @Async twin (awaits injected; inside the library class)\n\n```java\n")
        .append(r.method.twinText(true).strip())
        .append("\n```\n\n## The original method\n\n```java\n")
        .append(r.method.originalText.strip())
        .append("\n```\n");
    return sb.toString();
  }
}
