package io.asyncio4j.processor.lower;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clears, before each suspension, the reference fields (hoisted locals and parameters) that no
 * code can read after it, so that a suspended machine keeps nothing alive that its method no
 * longer uses (a long-running server loop holds no buffer it is done with). Kotlin's spilled
 * variable cleanup, done on the lowered cases.
 *
 * <p>A field is live at a suspension when its name occurs as a Java identifier in any line that
 * can run after it: every later line of the switch (cases are in source order, and catch and
 * finally cases follow their try), and every line of a loop around it (a backward jump {@code
 * label = K; continue ...;} to a case K at or before it). Occurrences are counted in any text,
 * strings and member selections included, so the approximation only ever keeps a field that is
 * dead, never clears one that is read.
 *
 * <p>Invariants: the lines' order and every line's text are kept; each clearing is one statement
 * inserted just before the suspension's {@code label = N;}.
 */
final class DeadFields {
  private static final Pattern JUMP = Pattern.compile("\\blabel = (\\d+); continue ");
  private static final Pattern SUSPEND = Pattern.compile("label = \\d+;");

  private DeadFields() {}

  /**
   * {@code lines} with {@code f = null;} before each suspension for each of {@code fields} that
   * is dead there.
   *
   * @param fields the reference-typed fields that may be cleared
   * @param value the name of step()'s awaited-value local ({@code r = await(...)})
   */
  static List<Lowered.Line> clear(List<Lowered.Line> lines, List<String> fields, String value) {
    if (fields.isEmpty()) {
      return lines;
    }
    int n = lines.size();
    Map<Integer, Integer> markAt = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (lines.get(i) instanceof Lowered.Mark m) {
        markAt.put(m.label(), i);
      }
    }
    // refs[f]: the lines that mention field f.
    List<Pattern> names = new ArrayList<>(fields.size());
    for (String f : fields) {
      names.add(Pattern.compile("(?<![\\w$])" + Pattern.quote(f) + "(?![\\w$])"));
    }
    BitSet[] refs = new BitSet[fields.size()];
    List<int[]> loops = new ArrayList<>();
    for (int k = 0; k < refs.length; k++) {
      refs[k] = new BitSet(n);
    }
    for (int i = 0; i < n; i++) {
      if (!(lines.get(i) instanceof Lowered.Statement s)) {
        continue;
      }
      for (int k = 0; k < refs.length; k++) {
        if (names.get(k).matcher(s.text()).find()) {
          refs[k].set(i);
        }
      }
      Matcher j = JUMP.matcher(s.text());
      while (j.find()) {
        Integer target = markAt.get(Integer.parseInt(j.group(1)));
        if (target != null && target <= i) {
          loops.add(new int[] {target, i});
        }
      }
    }
    List<Lowered.Line> out = new ArrayList<>(n + 8);
    for (int i = 0; i < n; i++) {
      Lowered.Line line = lines.get(i);
      if (isSuspension(lines, i, value)) {
        // Lines that can run after this one: i.. (the await's own statement included), and
        // every loop that contains i, from its start.
        int from = i;
        for (int[] loop : loops) {
          if (loop[0] <= i && i <= loop[1]) {
            from = Math.min(from, loop[0]);
          }
        }
        StringBuilder clearing = new StringBuilder();
        for (int k = 0; k < refs.length; k++) {
          if (refs[k].nextSetBit(from) < 0) {
            clearing.append(clearing.length() == 0 ? "" : " ").append(fields.get(k)).append(" = null;");
          }
        }
        if (clearing.length() > 0) {
          out.add(new Lowered.Statement(clearing.toString(), ((Lowered.Statement) line).line()));
        }
      }
      out.add(line);
    }
    return out;
  }

  /** Whether line {@code i} is the {@code label = N;} that starts a suspension. */
  private static boolean isSuspension(List<Lowered.Line> lines, int i, String value) {
    return i + 1 < lines.size()
        && lines.get(i) instanceof Lowered.Statement s
        && SUSPEND.matcher(s.text()).matches()
        && lines.get(i + 1) instanceof Lowered.Statement next
        && next.text().startsWith(value + " = await(");
  }
}
