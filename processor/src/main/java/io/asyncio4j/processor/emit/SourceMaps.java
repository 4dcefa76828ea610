package io.asyncio4j.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import io.asyncio4j.processor.model.AsyncMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @SourceMap} of each state machine: which lines of the generated file come from which
 * lines of the user's method, so that async stack traces show the user's frames.
 *
 * <p>A line number is known only once the whole file is printed, so this takes two steps. While
 * emitting, each machine gets a {@code @SourceMap} whose {@code lines} is a placeholder, and its
 * {@code step()} a {@linkplain #bodySlot slot line} instead of its cases, which are kept aside as
 * a {@link Body} with the runs of its lines that come from known source lines (only resume points
 * carry a comment for the reader: the table carries the rest). {@link #fill} then puts each body
 * in at its slot,
 * indented as the slot is, and replaces each placeholder with its machine's table: the body
 * knows which of its lines come from which user lines, and its slot where it starts.
 */
final class SourceMaps {
  private static final String PLACEHOLDER = "source lines of ";

  /** How JavaPoet prints the placeholder's member, up to the placeholder. */
  private static final String MEMBER = "lines = \"";

  /** Starts a slot line; never in a Java source text that javac accepts outside a comment. */
  private static final char SLOT = '\0';

  private SourceMaps() {}

  /**
   * The text of one method body (unindented, each line ending with a line break) that goes in at
   * {@code slot}.
   *
   * @param machine the machine whose source map the runs are, or null (no lines to map)
   * @param runs {@code {first, last, user}}: lines {@code first..last} of {@code text} (from 0)
   *     are user lines {@code user..}, ascending and disjoint
   */
  record Body(String slot, String machine, String text, List<int[]> runs) {}

  /**
   * The machine's {@code @SourceMap}, its {@code lines} still a placeholder for {@link #fill}.
   *
   * @param points its {@code points}, empty to leave them out
   */
  static AnnotationSpec placeholder(AsyncMethod method, String points) {
    AnnotationSpec.Builder b = AnnotationSpec.builder(RuntimeNames.SOURCE_MAP)
        .addMember("className", "$S", method.userClass())
        .addMember("method", "$S", method.methodName())
        .addMember("file", "$S", method.fileName())
        .addMember("lines", "$S", PLACEHOLDER + method.machineName());
    if (!points.isEmpty()) {
      b.addMember("points", "$S", points);
    }
    return b.build();
  }

  /** The line that {@link #fill} replaces with the body whose slot is {@code name}. */
  static String bodySlot(String name) {
    return SLOT + name;
  }

  /**
   * The printed companion with each body at its slot (the first slot line of its machine after
   * the previous body's) and each placeholder (of a machine with a body, outside the bodies)
   * replaced by its machine's line table.
   *
   * @throws IllegalStateException when a body has no slot
   */
  static String fill(String text, List<Body> bodies) {
    int size = text.length();
    Map<String, String> tables = new HashMap<>();
    for (Body b : bodies) {
      size += b.text().length() * 5 / 4;
    }
    StringBuilder out = new StringBuilder(size);
    // Placeholders in out: {start of the machine's name, its end}; filled in at the end.
    List<int[]> places = new ArrayList<>();
    int next = 0;
    int generated = 0;
    int slot = text.indexOf(SLOT);
    int placeholder = text.indexOf(MEMBER + PLACEHOLDER);
    int start = 0;
    while (true) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      generated++;
      Body body = next < bodies.size() && slot >= start && slot < end ? bodies.get(next) : null;
      if (body != null
          && end - slot - 1 == body.slot().length()
          && text.startsWith(body.slot(), slot + 1)
          && text.substring(start, slot).isBlank()) {
        if (body.machine() != null) {
          tables.put(body.machine(), table(body.runs(), generated));
        }
        String indent = text.substring(start, slot);
        String b = body.text();
        for (int from = 0; from < b.length(); generated++) {
          int e = b.indexOf('\n', from);
          if (e > from) {
            out.append(indent).append(b, from, e);
          }
          out.append('\n');
          from = e + 1;
        }
        generated--;
        next++;
      } else {
        if (placeholder >= start && placeholder < end) {
          int at = placeholder + MEMBER.length();
          int close = text.indexOf('"', at + PLACEHOLDER.length());
          if (close >= 0 && close < end) {
            int offset = out.length() - start;
            places.add(new int[] {offset + at, offset + close});
          }
        }
        out.append(text, start, end);
        if (nl >= 0) {
          out.append('\n');
        }
      }
      if (slot >= 0 && slot < end) {
        slot = text.indexOf(SLOT, end);
      }
      if (placeholder >= 0 && placeholder < end) {
        placeholder = text.indexOf(MEMBER + PLACEHOLDER, end);
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    if (next < bodies.size()) {
      throw new IllegalStateException("no slot for the body of " + bodies.get(next).machine());
    }
    if (places.isEmpty()) {
      return out.toString();
    }
    StringBuilder result = new StringBuilder(out.length());
    int copied = 0;
    for (int[] p : places) {
      String machine = out.substring(p[0] + PLACEHOLDER.length(), p[1]);
      String table = tables.get(machine);
      if (table != null) {
        result.append(out, copied, p[0]).append(table);
        copied = p[1];
      }
    }
    return result.append(out, copied, out.length()).toString();
  }

  /**
   * The {@code lines} value of a body whose first line is generated line {@code firstLine}:
   * {@code G:U} or {@code G-H:U} entries, ascending; runs that continue each other in both files
   * are merged.
   */
  private static String table(List<int[]> runs, int firstLine) {
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
      sb.append(firstLine + r[0]);
      if (end > r[0]) {
        sb.append('-').append(firstLine + end);
      }
      sb.append(':').append(r[2]);
      i = j;
    }
    return sb.toString();
  }
}
