package io.asyncio4j.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import io.asyncio4j.processor.model.AsyncMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @SourceMap} of each state machine: which lines of the generated file come from which
 * lines of the user's method, so that async stack traces show the user's frames.
 *
 * <p>A line number is known only once the whole file is printed, so this takes two steps. While
 * emitting, each statement that comes from a known source line gets a marker comment at the end
 * of its first line, {@code // Foo.java:21} (or {@code // Foo.java:21-23} for a statement of three
 * lines), and each machine a {@code @SourceMap} whose {@code lines} is a placeholder. {@link
 * #fill} then reads the printed file and replaces each placeholder with its machine's table. The
 * replacement is a string literal on the placeholder's line, so no line moves.
 *
 * <p>A user comment that happens to end a copied line with the marker's shape can only add an
 * entry for a line no marker covers; markers are read only below a machine's placeholder.
 */
final class SourceMaps {
  private static final String PLACEHOLDER = "source lines of ";

  private static final Pattern MARKER = Pattern.compile("// ([^\\s/]+\\.java):(\\d+)(?:-(\\d+))?$");

  private static final Pattern SLOT =
      Pattern.compile("\"" + Pattern.quote(PLACEHOLDER) + "([\\w$]+)\"");

  private SourceMaps() {}

  /** The machine's {@code @SourceMap}, its {@code lines} still a placeholder for {@link #fill}. */
  static AnnotationSpec placeholder(AsyncMethod method) {
    return AnnotationSpec.builder(RuntimeNames.SOURCE_MAP)
        .addMember("className", "$S", method.userClass())
        .addMember("method", "$S", method.methodName())
        .addMember("file", "$S", method.fileName())
        .addMember("lines", "$S", PLACEHOLDER + method.machineName())
        .build();
  }

  /**
   * {@code text} (a statement whose first line is source line {@code line}, 0 when unknown) with
   * the marker comment at the end of its first line.
   */
  static String marked(String text, int line, String file) {
    if (line <= 0) {
      return text;
    }
    int nl = text.indexOf('\n');
    String first = nl < 0 ? text : text.substring(0, nl);
    if (first.contains("\"\"\"")) {
      // A text block's opening line takes no comment: the statement stays unmapped.
      return text;
    }
    int count = (int) text.chars().filter(c -> c == '\n').count();
    String marker = " // " + file + ":" + line + (count == 0 ? "" : "-" + (line + count));
    return nl < 0 ? text + marker : first + marker + text.substring(nl);
  }

  /** The printed companion with each placeholder replaced by its machine's line table. */
  static String fill(String text) {
    String[] lines = text.split("\n", -1);
    Map<String, String> tables = new HashMap<>();
    String machine = null;
    List<int[]> runs = new ArrayList<>();
    int covered = 0;
    for (int i = 0; i < lines.length; i++) {
      int generated = i + 1;
      // Cheap substring tests first: the regexes then run on the few lines that can match.
      Matcher slot = lines[i].contains(PLACEHOLDER) ? SLOT.matcher(lines[i]) : null;
      if (slot != null && slot.find()) {
        if (machine != null) {
          tables.put(machine, table(runs));
        }
        machine = slot.group(1);
        runs.clear();
        continue;
      }
      if (machine == null || generated <= covered || !lines[i].contains(".java:")) {
        continue;
      }
      Matcher m = MARKER.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      int from = Integer.parseInt(m.group(2));
      int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
      if (to < from) {
        continue;
      }
      runs.add(new int[] {generated, generated + to - from, from});
      covered = generated + to - from;
    }
    if (machine != null) {
      tables.put(machine, table(runs));
    }
    Matcher slot = SLOT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (slot.find()) {
      String table = tables.getOrDefault(slot.group(1), "");
      slot.appendReplacement(out, Matcher.quoteReplacement("\"" + table + "\""));
    }
    slot.appendTail(out);
    return out.toString();
  }

  /**
   * The {@code lines} value: {@code G:U} or {@code G-H:U} entries, ascending; runs that continue
   * each other in both files are merged.
   */
  private static String table(List<int[]> runs) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < runs.size()) {
      int[] r = runs.get(i);
      int end = r[1];
      int j = i + 1;
      while (j < runs.size()
          && runs.get(j)[0] == end + 1
          && runs.get(j)[2] == r[2] + (end + 1 - r[0])) {
        end = runs.get(j)[1];
        j++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(r[0]);
      if (end > r[0]) {
        sb.append('-').append(end);
      }
      sb.append(':').append(r[2]);
      i = j;
    }
    return sb.toString();
  }
}
