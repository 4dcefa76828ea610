package io.asyncio4j.differential;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The reference half of the differential corpus: ordinary Java methods, each the twin of the
 * same-named {@code @Async} method in {@link AsyncCorpus}, which is identical except that some
 * values are obtained through {@code await(...)}.
 *
 * <p>Every method records its side effects into {@link #trace}; the differential test checks that
 * both twins produce the same trace, the same result and the same exception.
 *
 * <p>Threading: confined to the calling thread.
 */
public final class PlainCorpus {
  final Trace trace = new Trace();

  /** Mutable state for the evaluation-order cases. */
  int n;

  Holder holder;
  int[] cells = new int[3];

  // ---------------------------------------------------------------- helpers (awaited in twin)

  int poke(int[] a, int i) {
    trace.add("poke " + i);
    a[i] = 100;
    return 5;
  }

  int bump() {
    trace.add("bump");
    n = 10;
    return 5;
  }

  String load(String v) {
    trace.add("load " + v);
    holder = new Holder("other");
    return v;
  }

  boolean expired(String c) {
    trace.add("expired? " + c);
    return c.startsWith("old");
  }

  String pick(String what) {
    trace.add("pick " + what);
    return what;
  }

  Combiner target(String name, boolean present) {
    trace.add("receiver " + name);
    return present ? new Combiner(name, trace) : null;
  }

  String arg(String a) {
    trace.add("arg " + a);
    return a;
  }

  int check(int code) {
    if (code < 0) {
      throw new IllegalArgumentException("bad code " + code);
    }
    return code * 3;
  }

  private int validate(int x) {
    if (x % 3 == 0) {
      throw new IllegalArgumentException(x + " is divisible by 3");
    }
    return x;
  }

  String label(int k) {
    trace.add("label " + k);
    return "L" + k;
  }

  int reset(int k) {
    trace.add("reset " + k);
    cells = new int[5];
    return k + 40;
  }

  boolean operand(String name, boolean value) {
    trace.add(name + "=" + value);
    return value;
  }

  static <T> T fail(String message) {
    throw new IllegalArgumentException(message);
  }

  private int secret = 7;

  private int twice(int v) {
    return 2 * v;
  }

  private int peek() {
    return secret;
  }

  private static String tag(String s) {
    return "<" + s + ">";
  }

  // ---------------------------------------------------------------- loops and labels

  /** Labelled break out of a for-each. */
  int sumUntil(List<Integer> xs, int limit) {
    int total = 0;
    outer:
    for (int x : xs) {
      trace.add("x=" + x);
      if (total + x > limit) {
        break outer;
      }
      total += x;
    }
    return total;
  }

  /** Counted loop with nested conditionals. */
  String fizzBuzz(int limit) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= limit; i++) {
      String word =
          i % 15 == 0 ? "FizzBuzz" : i % 5 == 0 ? "Buzz" : i % 3 == 0 ? "Fizz" : String.valueOf(i);
      trace.add(word);
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(word);
    }
    return sb.toString();
  }

  /** Labelled continue from an inner loop. */
  List<Integer> cleanRows(int[][] grid) {
    List<Integer> rows = new ArrayList<>();
    nextRow:
    for (int r = 0; r < grid.length; r++) {
      for (int c = 0; c < grid[r].length; c++) {
        if (grid[r][c] < 0) {
          trace.add("dirty " + r + "," + c);
          continue nextRow;
        }
      }
      rows.add(r);
    }
    return rows;
  }

  /** do/while with a long accumulator and ?: in the update. */
  int collatzSteps(long start) {
    if (start <= 0) {
      throw new IllegalArgumentException("start must be positive: " + start);
    }
    long v = start;
    int steps = 0;
    do {
      v = v % 2 == 0 ? v / 2 : 3 * v + 1;
      steps++;
      if (steps % 5 == 0) {
        trace.add("at " + steps + ": " + v);
      }
    } while (v != 1);
    return steps;
  }

  /** while(true) with break, continue and a return inside. */
  String drain(List<Integer> items, int budget) {
    Deque<Integer> queue = new ArrayDeque<>(items);
    int spent = 0;
    while (true) {
      Integer next = queue.poll();
      if (next == null) {
        break;
      }
      if (next == 0) {
        trace.add("skip zero");
        continue;
      }
      if (next < 0) {
        return "aborted at " + next + " after " + spent;
      }
      spent += next;
      trace.add("spent " + spent);
      if (spent > budget) {
        throw new IllegalStateException("over budget: " + spent + " > " + budget);
      }
    }
    return "drained, spent " + spent;
  }

  /** A labelled block left with break. */
  String firstDigit(String s) {
    String result = "none";
    found:
    {
      if (s == null) {
        break found;
      }
      for (char c : s.toCharArray()) {
        if (Character.isDigit(c)) {
          result = "digit " + c;
          break found;
        }
      }
      result = "no digit in " + s;
    }
    trace.add(result);
    return result;
  }

  /** A loop whose condition and update contain the interesting values. */
  int stepsToReach(int limit, int step) {
    int i = 0;
    int rounds = 0;
    while (i < limit) {
      rounds++;
      trace.add("i=" + i);
      i += step;
      if (rounds > 20) {
        throw new IllegalStateException("no progress with step " + step);
      }
    }
    return rounds * 1000 + i;
  }

  /** Nested counted loops over a 2-D array. */
  String matrixSquare(int size) {
    int[][] a = new int[size][size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        a[i][j] = i + j;
      }
    }
    int[][] p = new int[size][size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          p[i][j] += a[i][k] * a[k][j];
        }
      }
      trace.add("row " + i + " " + Arrays.toString(p[i]));
    }
    return Arrays.deepToString(p);
  }

  /** Early return from a loop. */
  int binarySearch(int[] sorted, int key) {
    int lo = 0;
    int hi = sorted.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      trace.add("probe " + mid);
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else if (sorted[mid] > key) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** Nested loops that swap array elements. */
  String bubbleSort(int[] xs) {
    int[] a = xs.clone();
    int swaps = 0;
    for (int end = a.length - 1; end > 0; end--) {
      boolean swapped = false;
      for (int i = 0; i < end; i++) {
        if (a[i] > a[i + 1]) {
          int t = a[i];
          a[i] = a[i + 1];
          a[i + 1] = t;
          swaps++;
          swapped = true;
          trace.add("swap " + i);
        }
      }
      if (!swapped) {
        break;
      }
    }
    return Arrays.toString(a) + " in " + swaps;
  }

  // ---------------------------------------------------------------- try / catch / finally

  /** Loop-local parse errors are caught and skipped; negatives abort. */
  int parseAll(List<String> tokens) {
    int sum = 0;
    for (String t : tokens) {
      int v;
      try {
        v = Integer.parseInt(t);
      } catch (NumberFormatException e) {
        trace.add("bad " + e.getMessage());
        continue;
      }
      if (v < 0) {
        throw new IllegalArgumentException("negative: " + v);
      }
      sum += v;
      trace.add("sum=" + sum);
    }
    return sum;
  }

  /** Early returns and throws from inside two finally-protected blocks. */
  String nestedFinally(int k) {
    try {
      trace.add("outer");
      try {
        trace.add("inner");
        if (k == 0) {
          return "early0";
        }
        if (k == 1) {
          throw new IllegalStateException("boom1");
        }
        trace.add("inner done");
      } finally {
        trace.add("finally inner");
      }
      if (k == 2) {
        return "early2";
      }
      trace.add("outer done");
    } finally {
      trace.add("finally outer");
    }
    return "normal";
  }

  /** A labelled break that leaves through two finally blocks (pitfall 7). */
  String breakThroughFinallies(int stopAt) {
    int i = 0;
    out:
    for (; ; ) {
      try {
        try {
          trace.add("i=" + i);
          if (i == stopAt) {
            break out;
          }
          if (i > 3) {
            throw new IllegalStateException("ran off at " + i);
          }
        } finally {
          trace.add("f1 " + i);
        }
      } finally {
        trace.add("f2 " + i);
      }
      i++;
    }
    trace.add("after");
    return "stopped at " + i;
  }

  /** continue and return through a finally inside a loop. */
  int continueThroughFinally(List<Integer> xs) {
    int kept = 0;
    for (int x : xs) {
      try {
        if (x % 2 == 0) {
          continue;
        }
        if (x < 0) {
          return -kept;
        }
        kept += x;
      } finally {
        trace.add("seen " + x);
      }
      trace.add("kept " + kept);
    }
    return kept;
  }

  /** Throws after computing (in the twin: after resuming). */
  int throwAfterResume(int x) {
    int y = x * 2;
    trace.add("y=" + y);
    if (y > 10) {
      throw new IllegalStateException("too big: " + y);
    }
    return y + 1;
  }

  /** Catches a failure and rethrows it wrapped. */
  String catchWrapped(int code) {
    try {
      int v = check(code);
      trace.add("v=" + v);
      return "ok " + v;
    } catch (IllegalArgumentException e) {
      trace.add("caught " + e.getMessage());
      throw new IllegalStateException("wrapped: " + e.getMessage(), e);
    }
  }

  /** A return in finally overrides the try's return or exception. */
  @SuppressWarnings("finally")
  int finallyOverridesReturn(int k) {
    try {
      trace.add("try " + k);
      if (k % 2 == 1) {
        throw new IllegalStateException("lost " + k);
      }
      return 1;
    } finally {
      trace.add("finally " + k);
      if (k >= 10) {
        return 2;
      }
    }
  }

  /** An exception thrown in finally replaces the pending return or exception. */
  String finallyThrowReplaces(int k) {
    try {
      try {
        trace.add("body");
        if (k == 1) {
          throw new IllegalArgumentException("from body");
        }
        return "body result";
      } finally {
        trace.add("cleanup");
        if (k == 3) {
          throw new UnsupportedOperationException("escapes from finally");
        }
        if (k >= 1) {
          throw new IllegalStateException("from finally " + k);
        }
      }
    } catch (IllegalStateException e) {
      trace.add("caught " + e.getMessage());
      return "recovered " + k;
    }
  }

  /** Catch and finally blocks that do work, and a rethrow to an outer catch. */
  String catchThenThrow(int x) {
    try {
      try {
        if (x < 0) {
          throw new IllegalArgumentException("neg " + x);
        }
        return "pos " + x;
      } catch (IllegalArgumentException e) {
        trace.add("catch " + e.getMessage());
        if (x < -10) {
          throw new IllegalStateException("very negative", e);
        }
        return "handled " + x;
      } finally {
        trace.add("finally " + x);
      }
    } catch (IllegalStateException e) {
      trace.add("outer catch " + e.getMessage() + " caused by " + e.getCause().getMessage());
      throw e;
    }
  }

  /** Multi-catch. */
  int multiCatch(String s) {
    try {
      int v = Integer.parseInt(s);
      trace.add("parsed " + v);
      return 100 / v;
    } catch (NumberFormatException | ArithmeticException e) {
      trace.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      return -1;
    }
  }

  /** A return from a loop inside try/finally; the finally runs once. */
  int indexOfWithCleanup(List<String> xs, String target) {
    trace.add("lock");
    try {
      for (int i = 0; i < xs.size(); i++) {
        if (xs.get(i).equals(target)) {
          return i;
        }
        trace.add("miss " + i);
      }
      throw new NoSuchElementException("not found: " + target);
    } finally {
      trace.add("unlock");
    }
  }

  /** Exceptions from a helper, caught one by one. */
  String validateAll(List<Integer> xs) {
    List<String> errors = new ArrayList<>();
    for (int x : xs) {
      try {
        trace.add("valid " + validate(x));
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    return errors.isEmpty() ? "all valid" : String.join("; ", errors);
  }

  /** A checked exception escapes. */
  String readConfig(String name) throws IOException {
    trace.add("read " + name);
    if (name.isEmpty()) {
      throw new IOException("empty name");
    }
    if (name.startsWith("/")) {
      throw new FileNotFoundException(name);
    }
    return "config:" + name;
  }

  // ---------------------------------------------------------------- try-with-resources

  /** Two resources, failing body and/or closes: reverse close order and suppressed exceptions. */
  String twoResources(int flags) {
    try (Res a = new Res("a", trace, (flags & 2) != 0);
        Res b = new Res("b", trace, (flags & 4) != 0)) {
      String r = a.use("x") + "+" + b.use("y");
      if ((flags & 1) != 0) {
        throw new IllegalStateException("body failed");
      }
      return r;
    } catch (IllegalStateException e) {
      StringBuilder sb = new StringBuilder(e.getMessage());
      for (Throwable s : e.getSuppressed()) {
        sb.append(" +").append(s.getMessage());
      }
      trace.add("caught " + sb);
      return "failed: " + sb;
    } finally {
      trace.add("finally");
    }
  }

  /** A null resource is not closed. */
  String nullResource(boolean present) {
    try (Res r = present ? new Res("r", trace, false) : null) {
      trace.add("body " + (r == null ? "without" : r.use("it")));
    }
    return "done " + present;
  }

  /** An existing effectively-final variable as a resource; exceptions escape with suppressed. */
  String existingResource(int flags) {
    Res outer = new Res("outer", trace, (flags & 1) != 0);
    try (outer;
        Res inner = new Res("inner", trace, (flags & 2) != 0)) {
      if ((flags & 4) != 0) {
        throw new UnsupportedOperationException("body " + inner.use("fail"));
      }
      return inner.use(outer.use("both"));
    }
  }

  /** try-with-resources inside a loop left by continue and break. */
  int resourcesInLoop(int failAt) {
    int used = 0;
    for (int i = 0; i < 4; i++) {
      try (Res r = new Res("r" + i, trace, i == failAt)) {
        if (i == 1) {
          continue;
        }
        if (i == 3) {
          break;
        }
        used += r.use("step").length();
      }
    }
    return used;
  }

  // ---------------------------------------------------------------- switch

  /** Colon-form switch on char with fall-through and continue. */
  @SuppressWarnings("fallthrough")
  int countVowels(String s) {
    int vowels = 0;
    int others = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      switch (c) {
        case 'a':
        case 'e':
        case 'i':
        case 'o':
        case 'u':
          vowels++;
          trace.add("vowel " + c);
        // fall through
        case 'y':
          trace.add("maybe " + c);
          break;
        case ' ':
          continue;
        default:
          others++;
      }
      trace.add("after " + i);
    }
    return vowels * 100 + others;
  }

  /** Arrow-form switch statement on an enum. */
  String describe(Color c) {
    String d;
    switch (c) {
      case RED -> d = "warm";
      case GREEN, BLUE -> {
        trace.add("cool " + c);
        d = "cool";
      }
      default -> throw new IllegalArgumentException("no temperature for " + c);
    }
    return d + "/" + c.ordinal();
  }

  /** Colon-form switch on strings with fall-through. */
  @SuppressWarnings("fallthrough")
  int command(String cmd) {
    int level = 0;
    switch (cmd) {
      case "reset":
        level = -1;
        trace.add("reset");
        break;
      case "all":
        level += 100;
        trace.add("all");
      // fall through
      case "most":
        level += 10;
        trace.add("most");
      // fall through
      case "one":
        level += 1;
        trace.add("one");
        break;
      default:
        throw new IllegalArgumentException("unknown command: " + cmd);
    }
    return level;
  }

  /** Colon-form switch expression with yield. */
  String classify(int code) {
    String kind =
        switch (code / 100) {
          case 1:
            yield "info";
          case 2:
            {
              trace.add("success " + code);
              yield code == 204 ? "empty" : "ok";
            }
          case 3:
          case 4:
            trace.add("client-ish");
            yield "redirect-or-client";
          default:
            {
              if (code < 0) {
                throw new IllegalArgumentException("negative status " + code);
              }
              yield "server";
            }
        };
    trace.add(kind);
    return kind + ":" + code;
  }

  /** Arrow-form switch expressions, exhaustive over an enum, one used as an operand. */
  int weight(Color c, int k) {
    int w =
        switch (c) {
          case RED -> k * 2;
          case GREEN -> {
            int t = k + 1;
            trace.add("green " + t);
            yield t * t;
          }
          case BLUE -> -k;
          case BLACK -> throw new IllegalStateException("black has no weight");
        };
    return w
        + switch (w % 3) {
          case 0 -> 100;
          case 1, -1 -> 10;
          default -> 1;
        };
  }

  /** A switch in a loop: continue and labelled break target the loop. */
  int runOps(List<String> ops) {
    int acc = 0;
    loop:
    for (String op : ops) {
      switch (op) {
        case "skip":
          continue;
        case "stop":
          break loop;
        case "dbl":
          acc *= 2;
          break;
        case "inc":
          acc++;
          break;
        default:
          trace.add("ignored " + op);
      }
      trace.add(op + " -> " + acc);
    }
    return acc;
  }

  /** Arrow-form switch statement on int with multiple labels per case. */
  String dayKind(int day) {
    String kind = "?";
    switch (day) {
      case 1, 7 -> kind = "weekend";
      case 2, 3, 4, 5 -> {
        trace.add("work " + day);
        kind = "weekday";
      }
      case 6 -> {
        trace.add("friday");
        kind = "almost";
      }
      default -> trace.add("bad day " + day);
    }
    return kind;
  }

  /** A string switch expression whose default throws. */
  boolean parseBool(String s) {
    boolean b =
        switch (s.trim().toLowerCase(Locale.ROOT)) {
          case "yes", "y", "true" -> true;
          case "no", "n", "false" -> false;
          default -> throw new IllegalArgumentException("not a boolean: " + s);
        };
    trace.add("parsed " + b);
    return b;
  }

  // ---------------------------------------------------------------- collections and strings

  /** Grouping into a sorted map. */
  Map<Integer, List<String>> byLength(List<String> words) {
    Map<Integer, List<String>> m = new TreeMap<>();
    for (String w : words) {
      m.computeIfAbsent(w.length(), k -> new ArrayList<>()).add(w.toUpperCase(Locale.ROOT));
    }
    trace.add("keys " + m.keySet());
    return m;
  }

  /** Word frequencies via merge and a forEach lambda. */
  String wordFreq(String text) {
    Map<String, Integer> freq = new LinkedHashMap<>();
    for (String w : text.trim().split("\\s+")) {
      if (w.isEmpty()) {
        continue;
      }
      freq.merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder();
    freq.forEach((k, v) -> sb.append(k).append('=').append(v).append(';'));
    trace.add("distinct " + freq.size());
    return sb.toString();
  }

  /** StringBuilder chains. */
  String reverseWords(String s) {
    String[] words = s.split(" ");
    StringBuilder sb = new StringBuilder();
    for (int i = words.length - 1; i >= 0; i--) {
      sb.append(words[i]).append(i > 0 ? " " : "");
      trace.add("len " + sb.length());
    }
    return sb.insert(0, '[').append(']').toString();
  }

  /** String compound assignment. */
  String joinParts(List<String> parts) {
    String s = "";
    for (String p : parts) {
      s += (s.isEmpty() ? "" : "-") + p;
      trace.add(s);
    }
    s += s.length();
    return s;
  }

  /** Explicit iterator with remove. */
  List<Integer> removeEvens(List<Integer> xs) {
    List<Integer> list = new ArrayList<>(xs);
    for (Iterator<Integer> it = list.iterator(); it.hasNext(); ) {
      int v = it.next();
      if (v % 2 == 0) {
        it.remove();
        trace.add("removed " + v);
      }
    }
    return list;
  }

  /** An RPN evaluator over a deque; bad input throws. */
  int rpn(String expr) {
    Deque<Integer> stack = new ArrayDeque<>();
    for (String tok : expr.split(" ")) {
      switch (tok) {
        case "+" -> stack.push(stack.pop() + stack.pop());
        case "*" -> stack.push(stack.pop() * stack.pop());
        case "-" -> {
          int b = stack.pop();
          int a = stack.pop();
          stack.push(a - b);
        }
        case "/" -> {
          int b = stack.pop();
          int a = stack.pop();
          stack.push(a / b);
        }
        default -> stack.push(Integer.parseInt(tok));
      }
      trace.add(tok + " " + stack);
    }
    if (stack.size() != 1) {
      throw new IllegalStateException("leftover " + stack);
    }
    return stack.pop();
  }

  /** A histogram indexed by computed array indices. */
  String letterHistogram(String s) {
    int[] counts = new int[26];
    for (char c : s.toCharArray()) {
      counts[c - 'a']++;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        sb.append((char) ('a' + i)).append(counts[i]);
      }
    }
    trace.add(sb.toString());
    return sb.toString();
  }

  /** var locals with generic types and a stream. */
  String varLocals(int count) {
    var list = new ArrayList<Map.Entry<String, Integer>>();
    for (var i = 0; i < count; i++) {
      list.add(Map.entry("k" + i, i * 10));
    }
    var sum = 0L;
    for (var e : list) {
      sum += e.getValue();
    }
    var text = list.stream().map(Map.Entry::getKey).collect(Collectors.joining("|"));
    trace.add("sum " + sum);
    return text + "=" + sum;
  }

  /** Doubles: mean and variance, NaN for empty input. */
  String stats(double[] xs) {
    double sum = 0;
    for (double x : xs) {
      sum += x;
    }
    double mean = sum / xs.length;
    double variance = 0;
    for (double x : xs) {
      variance += (x - mean) * (x - mean);
    }
    variance /= xs.length;
    trace.add("mean " + mean);
    return String.format(Locale.ROOT, "%.3f/%.3f", mean, variance);
  }

  // ---------------------------------------------------------------- operators

  /** ++ and -- in expressions. */
  String incDec(int x) {
    int i = x;
    int a = i++ + ++i;
    int b = i-- - --i;
    int c = (i += 3) * (i -= 1);
    trace.add("i " + i);
    return a + "," + b + "," + c + "," + i;
  }

  /** Every compound assignment operator, narrowing ones included; y == 0 divides by zero. */
  @SuppressWarnings("lossy-conversions")
  String compound(int x, int y) {
    int v = x;
    long l = x;
    v += y;
    v -= 1;
    v *= y;
    trace.add("v1=" + v);
    v /= y;
    v %= 7;
    v <<= 2;
    v >>= 1;
    v >>>= 1;
    v &= 0xff;
    v |= 0x100;
    v ^= 0x0f;
    l *= 1_000_000_007L;
    l ^= v;
    short s = 10;
    s += y;
    byte b = 127;
    b += 1;
    char ch = 'a';
    ch += y;
    double d = 1.5;
    d *= x;
    return v + "," + l + "," + s + "," + b + "," + ch + "," + d;
  }

  /** Short-circuit operators with side-effecting operands. */
  String logic(int a, int b) {
    boolean r1 = operand("a>0", a > 0) && operand("b>0", b > 0);
    boolean r2 = operand("a<0", a < 0) || operand("b<0", b < 0);
    boolean r3 = (operand("a==b", a == b) || operand("a>b", a > b)) && !operand("b==0", b == 0);
    boolean r4 = operand("x", a % 2 == 0) ^ operand("y", b % 2 == 0);
    return r1 + "," + r2 + "," + r3 + "," + r4;
  }

  /** Nested ?: whose branches have side effects. */
  String sign(int x) {
    String s = x > 0 ? pick("pos") : x < 0 ? pick("neg") : "zero";
    int magnitude = x >= 0 ? x : -x;
    return s + magnitude;
  }

  /** ?: whose other branch throws. */
  int doubleOrFail(int x) {
    int v = x >= 0 ? x * 2 : PlainCorpus.<Integer>fail("negative input " + x);
    trace.add("v " + v);
    return v;
  }

  // ---------------------------------------------------------------- evaluation order (pitfalls
  // 1-5)

  /** Pitfall 1: the field is read before the call that changes it. */
  String fieldPlusCall(int start) {
    n = start;
    int r = this.n + bump();
    trace.add("r=" + r + " n=" + n);
    n = start;
    n += bump();
    return r + "/" + n;
  }

  /** Pitfall 2: array, index and old element are read before the right-hand side. */
  String arrayCompound(int i) {
    int[] a = {1, 2, 3};
    a[i] += poke(a, i);
    trace.add("after " + Arrays.toString(a));
    return Arrays.toString(a);
  }

  /** Pitfall 3: array and index are evaluated first, the bounds check comes after the value. */
  String arrayStore(int start) {
    String[] arr = new String[3];
    int k = start;
    arr[k++] = label(k);
    arr[k++] = label(k);
    return Arrays.toString(arr) + " k=" + k;
  }

  /** Pitfall 3: an array field reassigned by the right-hand side. */
  String fieldArrayStore(int k) {
    cells = new int[3];
    int[] original = cells;
    cells[k] = reset(k);
    return Arrays.toString(original) + " " + Arrays.toString(cells);
  }

  /** Pitfall 3: the assignment target's object is the one before the right-hand side ran. */
  String holderReassign(boolean present) {
    Holder h = present ? new Holder("a") : null;
    holder = h;
    holder.value = load("b");
    return h + "/" + holder;
  }

  /** Pitfall 4: receiver, then arguments left to right, then the null check. */
  String receiverArgOrder(boolean present) {
    return target("r", present).combine(arg("x"), arg("y"), arg("z"));
  }

  /** Pitfall 5: the right operand of || and && runs only when needed. */
  String shortCircuit(String c) {
    String r;
    if (c == null || expired(c)) {
      r = "expired";
    } else {
      r = "live";
    }
    boolean both = c != null && c.length() > 2 && expired(c + "!");
    return r + "/" + both;
  }

  // ---------------------------------------------------------------- lambdas, classes, generics

  /** Lambdas capture the current value of loop locals (pitfall 9). */
  List<Integer> captureLoop(int count) {
    List<Supplier<Integer>> fs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int k = i * i;
      fs.add(() -> k + 1);
    }
    List<String> names = List.of("a", "b", "c");
    List<Supplier<String>> gs = new ArrayList<>();
    for (String s : names) {
      gs.add(() -> s + count);
    }
    List<Integer> out = new ArrayList<>();
    for (Supplier<Integer> f : fs) {
      out.add(f.get());
    }
    for (Supplier<String> g : gs) {
      trace.add(g.get());
    }
    return out;
  }

  /** Anonymous classes capturing locals and using the enclosing instance. */
  String anonymous(List<String> names) {
    List<Runnable> rs = new ArrayList<>();
    for (String name : names) {
      String greeting = "hi " + name;
      rs.add(
          new Runnable() {
            @Override
            public void run() {
              trace.add(greeting);
            }
          });
    }
    rs.forEach(Runnable::run);
    return rs.size() + " greeted";
  }

  /** A local class capturing a parameter and using the enclosing instance. */
  int localClass(int base) {
    class Acc {
      int total = base;

      void add(int v) {
        total += v;
        trace.add("acc " + total);
      }
    }
    Acc acc = new Acc();
    for (int i = 1; i <= 3; i++) {
      acc.add(i * base);
    }
    return acc.total;
  }

  /** Private fields, methods, static methods and method references of the enclosing class. */
  String privateMembers(int x) {
    secret = secret + x;
    Supplier<Integer> s = () -> peek();
    String r = tag(String.valueOf(twice(secret)));
    trace.add(r);
    return r + s.get();
  }

  /** Compound and simple assignments to a private field. */
  String privateFieldAssign(int x) {
    secret += x;
    trace.add("secret " + secret);
    secret = secret * 2;
    return "secret " + secret;
  }

  /** A method reference to a private method. */
  int privateMethodRef(int x) {
    Supplier<Integer> s = this::peek;
    int v = x;
    trace.add("v " + v);
    return v + s.get();
  }

  /** Private fields, methods and static methods of the enclosing class, outside lambdas. */
  String privateMembersDirect(int x) {
    secret = secret + x;
    String r = tag(String.valueOf(twice(secret)));
    trace.add(r);
    return r + peek();
  }

  /** A generic method with a bounded type parameter. */
  <T extends Comparable<T>> T maxOf(List<T> xs) {
    if (xs.isEmpty()) {
      throw new NoSuchElementException("empty list");
    }
    T best = xs.get(0);
    for (T x : xs) {
      if (x.compareTo(best) > 0) {
        trace.add("new max " + x);
        best = x;
      }
    }
    return best;
  }

  /** A generic method with two type parameters and iterators. */
  <A, B> List<String> zip(List<A> as, List<B> bs) {
    List<String> out = new ArrayList<>();
    Iterator<A> ia = as.iterator();
    Iterator<B> ib = bs.iterator();
    while (ia.hasNext() && ib.hasNext()) {
      out.add(ia.next() + "&" + ib.next());
    }
    if (ia.hasNext() || ib.hasNext()) {
      throw new IllegalArgumentException("lengths differ: " + as.size() + " vs " + bs.size());
    }
    return out;
  }

  /** instanceof patterns, recursion. */
  String describeObject(Object o) {
    if (o instanceof String s && !s.isEmpty()) {
      return "string of " + s.length();
    }
    if (o instanceof Integer i) {
      return i > 0 ? "positive" : "non-positive";
    }
    if (o instanceof List<?> l) {
      int total = 0;
      for (Object e : l) {
        String d = describeObject(e);
        trace.add(d);
        total += d.length();
      }
      return "list " + total;
    }
    throw new IllegalArgumentException("unsupported: " + o);
  }

  /** Recursion. */
  long factorial(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("negative: " + k);
    }
    if (k <= 1) {
      return 1;
    }
    long r = k * factorial(k - 1);
    trace.add(k + "! = " + r);
    return r;
  }

  /** A void method: only side effects. */
  void announce(List<String> names) {
    if (names.isEmpty()) {
      trace.add("nobody");
      return;
    }
    for (String name : names) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("blank name");
      }
      trace.add("hello " + name);
    }
  }

  // ---------------------------------------------------------------- scoping and identity

  static final String GREETING = "hello";

  String whoIs(Object o) {
    return o instanceof PlainCorpus ? "corpus" : o.getClass().getSimpleName();
  }

  /** A switch-block local declared in one case and assigned in the next (fall-through). */
  @SuppressWarnings("fallthrough")
  String switchBlockLocal(int k) {
    switch (k) {
      case 1:
        int t = 10;
        trace.add("t " + t);
      case 2:
        t = 20 + k;
        trace.add("t2 " + t);
        break;
      default:
        t = -1;
        trace.add("default " + t);
    }
    return "k " + k;
  }

  /** The same local name with different types in sibling blocks. */
  String sameNameDifferentTypes(int x) {
    StringBuilder sb = new StringBuilder();
    {
      int v = x * 2;
      sb.append(v).append(';');
    }
    {
      String v = "s" + x;
      sb.append(v).append(';');
    }
    for (int i = 0; i < 2; i++) {
      long v = 10L * i + x;
      sb.append(v).append(';');
    }
    trace.add(sb.toString());
    return sb.toString();
  }

  /** this, a qualified this inside an anonymous class, and this as an argument. */
  String thisReference(int x) {
    Object me = this;
    String who = whoIs(this);
    Supplier<String> anon =
        new Supplier<String>() {
          @Override
          public String get() {
            PlainCorpus.this.trace.add("anon " + x);
            return whoIs(this) + "/" + whoIs(PlainCorpus.this);
          }
        };
    Supplier<String> lambda = () -> whoIs(this);
    return who + "," + (me == this) + "," + anon.get() + "," + lambda.get();
  }

  /** A super method call. */
  String superCall(int x) {
    int h = super.hashCode();
    trace.add("x " + x);
    return String.valueOf(h == System.identityHashCode(this));
  }

  /** Compile-time constants (a static one and a local one) as case labels. */
  String constantCaseLabels(int k) {
    final int limit = 3;
    String label = "k" + k;
    switch (k) {
      case limit:
        label = "limit";
        break;
      case limit + 1:
        label = GREETING;
        break;
      default:
        trace.add("other " + k);
    }
    return label;
  }

  /** A var local of an intersection type (from ?: of Integer and String). */
  String varIntersection(boolean flag) {
    var x = flag ? 1 : "s";
    trace.add("x " + x);
    return x.toString() + x.hashCode();
  }

  /** A var local of an anonymous class type, whose members are used later. */
  int varAnonymous(int hits) {
    var counter =
        new Object() {
          int count;

          void hit() {
            count++;
          }
        };
    for (int i = 0; i < hits; i++) {
      counter.hit();
      trace.add("hit " + counter.count);
    }
    return counter.count;
  }

  /** == on boxed values compares references. */
  String boxedIdentity(int v) {
    Integer a = Integer.valueOf(v);
    Integer b = Integer.valueOf(v);
    Integer c = a;
    int twice = a + a;
    return (a == b) + "," + a.equals(b) + "," + (c == a) + "," + twice;
  }

  /** A try/catch inside a finally block. */
  String catchInsideFinally(int k) {
    try {
      if (k == 1) {
        throw new IllegalStateException("body " + k);
      }
      return "ok " + k;
    } finally {
      try {
        if (k >= 2) {
          throw new IllegalArgumentException("cleanup " + k);
        }
        trace.add("cleanup ok");
      } catch (IllegalArgumentException e) {
        trace.add("cleanup failed " + e.getMessage());
        if (k == 3) {
          throw new UnsupportedOperationException("from catch in finally", e);
        }
      }
    }
  }

  /** The for-each iterable expression fails or produces the elements. */
  int iterableFromCall(int k) {
    int sum = 0;
    for (int x : range(k)) {
      sum += x;
    }
    return sum;
  }

  List<Integer> range(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("negative range " + k);
    }
    trace.add("range " + k);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(i);
    }
    return out;
  }

  // ---------------------------------------------------------------- names, types and nesting

  /** Recursion where every level has a finally and the innermost level throws. */
  int nestedFinallyChain(int depth, int failAt) {
    try {
      if (depth == failAt) {
        throw new IllegalStateException("failed at depth " + depth);
      }
      if (depth == 0) {
        return 0;
      }
      return 1 + nestedFinallyChain(depth - 1, failAt);
    } finally {
      trace.add("unwind " + depth);
    }
  }

  /** A switch expression nested in another switch expression's arm. */
  String nestedSwitchExpr(int a, int b) {
    String r =
        switch (a) {
          case 1 ->
              switch (b) {
                case 1 -> "one-one";
                case 2 -> {
                  trace.add("one-two");
                  yield "one-two";
                }
                default -> "one-" + b;
              };
          case 2 -> "two";
          default -> {
            if (b < 0) {
              throw new IllegalArgumentException("b " + b);
            }
            yield "other";
          }
        };
    return r + "!";
  }

  /** Operators over mixed primitive types and string concatenation order. */
  String mixedTypes(int x) {
    String s = 'a' + 1 + "x" + 'b' + 2;
    long l = 1;
    l <<= 40;
    l += x;
    short sh = (short) (x * 1000);
    byte by = (byte) x;
    int i = sh + by;
    double d = x / 4;
    double e = x / 4.0;
    float f = 1.5f * x;
    char c = (char) ('a' + x % 26);
    Integer boxed = x;
    long widened = boxed;
    return s + "|" + l + "|" + i + "|" + d + "|" + e + "|" + f + "|" + c + "|" + (widened + 1);
  }

  /** Labelled continue that targets an outer do/while (so it goes to its condition). */
  String labelledDoWhile(int rows) {
    StringBuilder sb = new StringBuilder();
    int r = 0;
    outer:
    do {
      r++;
      for (int c = 0; c < 4; c++) {
        if (c > r) {
          sb.append('/');
          continue outer;
        }
        if (r * c == 6) {
          sb.append('#');
          break outer;
        }
        sb.append(r * c);
      }
      sb.append(';');
    } while (r < rows);
    trace.add("rows " + r);
    return sb.toString();
  }

  /** Wildcard types in parameters, locals and the result. */
  Map<String, ? extends List<? extends Number>> wildcards(List<? extends Number> xs) {
    List<? super Integer> sink = new ArrayList<Number>();
    double total = 0;
    for (Number x : xs) {
      total += x.doubleValue();
      sink.add(x.intValue());
    }
    trace.add("sink " + sink);
    Map<String, List<Double>> out = new TreeMap<>();
    out.put("total", List.of(total));
    return out;
  }

  /** Parameters reassigned in the body. */
  String paramReassign(int x, String s) {
    x = x * 2;
    s = s + x;
    for (int i = 0; i < 3; i++) {
      x += i;
      s = s.substring(0, Math.min(s.length(), 6)) + i;
    }
    trace.add("x " + x);
    return s + "/" + x;
  }

  /** Locals and parameters named like a state machine's internals, and a shadowed field. */
  String nameClashes(int label, String self) {
    int r = label + 1;
    int r2 = r * 2;
    String spill = self + r;
    boolean and = r2 > 3 && spill.length() > 1;
    int n = 41;
    this.n = n + 1;
    int dispatch = 0;
    while (dispatch < label) {
      dispatch++;
    }
    String result = spill + and + n + this.n + dispatch;
    trace.add(result);
    return result;
  }

  // ---------------------------------------------------------------- failures of the language

  /** A switch on a null string or enum throws NullPointerException. */
  String nullSwitch(String s, Color c) {
    String a =
        switch (s) {
          case "x" -> "ex";
          default -> "other";
        };
    trace.add("a " + a);
    switch (c) {
      case RED:
        return a + " red";
      default:
        return a + " " + c.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Exact arithmetic that overflows. */
  int overflow(int a, int b) {
    int sum = Math.addExact(a, b);
    trace.add("sum " + sum);
    return Math.multiplyExact(sum, b);
  }

  /** The switch selector is evaluated once, even when it has side effects. */
  String switchSelectorOnce(int start) {
    n = start;
    StringBuilder sb = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      switch (n++) {
        case 0, 1 -> sb.append("low").append(n);
        case 2 -> {
          trace.add("two at round " + round);
          sb.append("two");
        }
        default -> sb.append("high").append(n);
      }
      String parity = round % 2 == 0 ? "even" : "odd";
      switch (pick(parity)) {
        case "even":
          sb.append('E');
          break;
        default:
          sb.append('O');
      }
    }
    return sb + " n=" + n;
  }

  /** assert statements (surefire runs with assertions enabled). */
  int assertions(int x) {
    assert x != 0;
    trace.add("nonzero " + x);
    assert x > 0 : "x must be positive: " + x;
    return 100 / x;
  }

  // ---------------------------------------------------------------- source-level oddities

  /** A pattern binding introduced by a negated instanceof stays in scope after the if. */
  String patternFlowScope(Object o) {
    if (!(o instanceof String s)) {
      trace.add("not a string: " + o);
      return "?";
    }
    trace.add("string " + s);
    return s.toUpperCase(Locale.ROOT) + s.length();
  }

  /** A pattern instanceof whose operand is (in the twin) an await. */
  String patternOnAwait(Object o) {
    if (!(o instanceof String s)) {
      trace.add("not a string: " + o);
      return "?";
    }
    trace.add("string " + s);
    return s.toUpperCase(Locale.ROOT) + s.length();
  }

  /** Text blocks, escapes and unicode escapes. */
  String textBlock(String name) {
    String t =
        """
        Hello, %s!
          indented "line"\ttab
        joined \
        end
        """
            .formatted(name);
    String u = "caf\u00e9 \\ \"q\" \n";
    trace.add(t);
    return t + u + '\'' + "\u0041";
  }

  /** Comments inside multi-line expressions. */
  int commentsInExpressions(int a, int b) {
    int v =
        a // the first part
            + b /* the second part */
            - 1; // and a constant
    int w = /* inline */ v * 2 // trailing
        ;
    trace.add("v " + v + " w " + w);
    return v + w;
  }

  /** An anonymous class's own field has the same name as a local of the method. */
  String anonShadowing(int start) {
    int count = start;
    Supplier<String> s =
        new Supplier<String>() {
          int count = 100;

          @Override
          public String get() {
            count++;
            return "inner " + count;
          }
        };
    count += 1;
    String first = s.get();
    String second = s.get();
    trace.add(first + "," + second);
    return first + "," + second + ",outer " + count;
  }

  // ---------------------------------------------------------------- stress and odds and ends

  /** A failure delivered by a CompletionStage (in the twin: wrapped by a dependent stage). */
  String viaCompletionStage(int code) {
    try {
      int v = check(code);
      trace.add("v=" + v);
      return "ok " + v;
    } catch (IllegalArgumentException e) {
      trace.add("caught " + e.getMessage());
      return "failed";
    }
  }

  /** Deep recursion (in the twin: deeply nested inline awaits). */
  long depthSum(int depth) {
    if (depth == 0) {
      trace.add("bottom");
      return 0L; // long literal: the return conversion has its own cases (widenReturn)
    }
    long below = depthSum(depth - 1);
    if (depth % 250 == 0) {
      trace.add("depth " + depth + " below " + below);
    }
    return below + depth;
  }

  /** Many iterations (in the twin: many awaits, most of them taking the fast path). */
  long manyIterations(int count) {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += i % 7;
      if (i % 5000 == 0) {
        trace.add("at " + i + " sum " + sum);
      }
    }
    return sum;
  }

  /** Awaitables chosen by ?: (in the twin). */
  int pickSource(int x) {
    int a = x % 2 == 0 ? x : x + 1;
    int b = x > 0 ? a * 2 : -a;
    trace.add("a " + a + " b " + b);
    return a + b;
  }

  /** A varargs method. */
  int sumAll(String label, int... xs) {
    int total = 0;
    for (int x : xs) {
      total += x;
    }
    trace.add(label + " " + xs.length);
    return total;
  }

  /** A string switch whose labels collide on hashCode ("Aa" and "BB"). */
  String hashCollide(String s) {
    switch (s) {
      case "Aa":
        trace.add("Aa");
        return "first";
      case "BB":
        trace.add("BB");
        return "second";
      case "AaAa":
      case "BBBB":
        trace.add("double " + s);
        return "third";
      default:
        return "none " + s.hashCode();
    }
  }

  /** Labelled continue and break from a switch inside try/finally inside a loop. */
  String retry(int failures) {
    int attempt = 0;
    attempts:
    while (true) {
      attempt++;
      try {
        switch (attempt <= failures ? "fail" : "ok") {
          case "fail":
            trace.add("attempt " + attempt + " failed");
            if (attempt >= 3) {
              throw new IllegalStateException("gave up after " + attempt);
            }
            continue attempts;
          default:
            break attempts;
        }
      } finally {
        trace.add("cleanup " + attempt);
      }
    }
    return "succeeded on " + attempt;
  }

  /** Modifying a list while iterating it: ConcurrentModificationException from the iterator. */
  List<Integer> removeWhileIterating(List<Integer> xs, int victim) {
    List<Integer> list = new ArrayList<>(xs);
    for (Integer x : list) {
      trace.add("visit " + x);
      if (x == victim) {
        list.remove(x);
      }
    }
    return list;
  }

  /** Nested lambdas capturing locals. */
  List<String> curried(String prefix, int count) {
    Function<Integer, Supplier<String>> f = x -> () -> prefix + x;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(f.apply(i * 2).get());
    }
    trace.add("made " + out.size());
    return out;
  }

  /** An exception thrown from inside a lambda. */
  int forEachThrows(List<Integer> xs) {
    int[] sum = {0};
    xs.forEach(
        x -> {
          if (x < 0) {
            throw new IllegalArgumentException("negative element " + x);
          }
          sum[0] += x;
          trace.add("sum " + sum[0]);
        });
    return sum[0];
  }

  /** Exceptions from a helper that fails at once, caught and counted. */
  String inlineThrowBeforeSuspend(List<Integer> xs) {
    int failures = 0;
    StringBuilder sb = new StringBuilder();
    for (int x : xs) {
      try {
        sb.append(validate(x)).append(' ');
      } catch (IllegalArgumentException e) {
        failures++;
        trace.add(e.getMessage());
      }
    }
    return sb.toString().trim() + " failures=" + failures;
  }

  // ---------------------------------------------------------------- more evaluation order

  String tail(String s) {
    trace.add("tail " + s);
    holder = new Holder("replaced");
    return s;
  }

  int side(int v) {
    trace.add("side " + v);
    return v;
  }

  Res open(String name, boolean fail) {
    if (fail) {
      throw new IllegalStateException("cannot open " + name);
    }
    return new Res(name, trace, false);
  }

  int slowDouble(int x) {
    trace.add("doubling " + x);
    return 2 * x;
  }

  /** The returned value is fixed before finally runs, even if finally changes the variable. */
  int returnValueSavedBeforeFinally(int x) {
    int v = x;
    try {
      v += 1;
      if (v > 100) {
        throw new IllegalArgumentException("too large: " + v);
      }
      return v;
    } finally {
      v = -100;
      trace.add("finally v=" + v);
    }
  }

  /** A local read as a left operand keeps its old value when a later operand assigns it. */
  String localAssignedLater(int x) {
    int a = x;
    int r = a + side(1) + (a = 10) + a;
    String s = String.join("-", String.valueOf(a), "m", String.valueOf(a = 20));
    return r + "," + s + "," + a;
  }

  /** Unboxing and array access of the left operand happen before the right operand runs. */
  String unboxBeforeRight(Integer boxed, boolean nullArray) {
    int[] arr = nullArray ? null : new int[] {7};
    int v = boxed + side(5);
    int w = arr[0] + side(6);
    return v + "," + w;
  }

  /** Nested awaits (in the twin), array initializers and nested calls. */
  String nestedValues(int x) {
    int y = x + 1;
    int[] arr = {x, x * 2, x * 3};
    String[] strs = new String[] {"s" + x, String.valueOf(y)};
    int m = Math.max(x, Math.min(3, x));
    return y + " " + Arrays.toString(arr) + " " + Arrays.toString(strs) + " " + m;
  }

  /** A for loop with two variables in its init and update. */
  String twoIndexLoop(int size) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0, j = size; i < j; i++, j -= 1) {
      sb.append(i).append(':').append(j).append(' ');
      trace.add("pair " + i + "," + j);
    }
    return sb.toString().trim();
  }

  /** continue in a do/while goes to the condition. */
  int doWhileContinue(int limit) {
    int i = 0;
    int odd = 0;
    do {
      i++;
      if (i % 2 == 0) {
        continue;
      }
      odd += i;
      trace.add("odd " + i);
    } while (i < limit);
    return odd;
  }

  /** A break in finally discards the pending exception or return. */
  @SuppressWarnings("finally")
  String breakInFinally(int k) {
    int i = 0;
    while (true) {
      try {
        i++;
        if (i == k) {
          throw new IllegalStateException("thrown at " + i);
        }
        if (i > 3) {
          return "returned at " + i;
        }
      } finally {
        trace.add("finally " + i);
        if (i >= k) {
          break;
        }
      }
    }
    return "broke at " + i;
  }

  /** return, break and throw from a colon switch inside try/catch/finally. */
  int switchInTry(String s) {
    try {
      switch (s) {
        case "a":
          return 1;
        case "b":
          trace.add("b");
          break;
        default:
          throw new IllegalArgumentException("bad " + s);
      }
      return 2;
    } catch (IllegalArgumentException e) {
      trace.add(e.getMessage());
      return -1;
    } finally {
      trace.add("finally " + s);
    }
  }

  /** A resource whose initializer fails: the earlier resources are closed. */
  String resourceInitFails(int failAt) {
    try (Res a = open("a", failAt == 0);
        Res b = open("b", failAt == 1)) {
      return a.use("1") + b.use("2");
    }
  }

  /** Returns widen int values to long. */
  long widenReturn(int k) {
    if (k == 0) {
      return 0;
    }
    if (k < 0) {
      return k;
    }
    long r = k * 1000L;
    trace.add("r " + r);
    return r;
  }

  /** Returns widen int values to double. */
  double average(List<Integer> xs) {
    if (xs.isEmpty()) {
      return 0;
    }
    int sum = 0;
    for (int x : xs) {
      sum += x;
    }
    return sum / (double) xs.size();
  }

  /** Returns box primitives into Object. */
  Object boxedReturn(int k) {
    if (k > 0) {
      return k;
    }
    if (k < 0) {
      return 'n';
    }
    return "zero";
  }

  /** Switch-expression arms widen to the switch's type. */
  long yieldWidening(int k) {
    long w =
        switch (k) {
          case 1 -> 1;
          case 2 -> 2;
          default -> 3L * k;
        };
    trace.add("w " + w);
    return w;
  }

  /** Post-increment of a field and compound assignments to a field and an array element. */
  String fieldCompoundOps(int start) {
    n = start;
    int a = n++ + n * 10;
    holder = new Holder("h");
    Holder first = holder;
    holder.value += tail("!");
    String[] names = {"x", "y"};
    int i = 0;
    names[i++] += tail("?");
    return a + "|" + n + "|" + first + "|" + holder + "|" + Arrays.toString(names) + "|" + i;
  }

  /** ?: with interesting values in the condition and the branches. */
  int clamp(int x, int lo, int hi) {
    if (lo > hi) {
      throw new IllegalArgumentException(lo + " > " + hi);
    }
    return x < lo ? lo : x > hi ? hi : x;
  }

  /** The thrown exception is itself a computed value. */
  String throwComputed(int k) {
    trace.add("k " + k);
    if (k < 0) {
      throw new IllegalStateException("made for " + k);
    }
    return "fine " + k;
  }

  /** Exceptions collected with addSuppressed and rethrown. */
  String suppressAndRethrow(int k) {
    IllegalArgumentException first = null;
    for (int i = 0; i < k; i++) {
      try {
        if (i % 2 == 0) {
          throw new IllegalArgumentException("fail " + i);
        }
        trace.add("ok " + i);
      } catch (IllegalArgumentException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return "clean " + k;
  }

  /** A computation that the twin runs as a separate task. */
  int viaTask(int x) {
    trace.add("created");
    int r = slowDouble(x);
    trace.add("got " + r);
    return r + 1;
  }

  /** A static method. */
  static String staticJoin(Trace t, List<String> xs) {
    StringBuilder sb = new StringBuilder();
    for (String x : xs) {
      if (x.isEmpty()) {
        throw new IllegalArgumentException("empty element after " + sb);
      }
      sb.append(x);
      t.add("joined " + sb);
    }
    return sb.toString();
  }

  /** A generic nested class. */
  static final class Shelf<T> {
    final List<T> items;
    final Trace trace;

    Shelf(Trace trace, List<T> items) {
      this.trace = trace;
      this.items = items;
    }

    T takeFirstMatching(Predicate<? super T> p) {
      for (T x : items) {
        trace.add("look " + x);
        if (p.test(x)) {
          trace.add("take " + x);
          return x;
        }
      }
      throw new NoSuchElementException("no match among " + items.size());
    }
  }

  /** A class hierarchy: inherited fields and overridden methods. */
  static class Animal {
    final Trace trace;
    protected int fed;

    Animal(Trace trace) {
      this.trace = trace;
    }

    String sound() {
      return "...";
    }

    String name() {
      return "animal";
    }

    String speak(int times) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < times; i++) {
        sb.append(sound());
        fed++;
        trace.add("spoke " + i);
      }
      return sb.toString();
    }

    String chorus(int times) {
      String s = speak(times);
      trace.add("fed " + fed);
      return name() + ":" + s;
    }
  }

  /** Overrides a plain method and the coroutine method {@code speak}. */
  static final class Dog extends Animal {
    Dog(Trace trace) {
      super(trace);
    }

    @Override
    String sound() {
      return "woof";
    }

    @Override
    String name() {
      return "dog";
    }

    @Override
    String speak(int times) {
      trace.add("dog speaks");
      String s = "";
      for (int i = 0; i < times; i++) {
        s += sound();
      }
      return s.toUpperCase(Locale.ROOT);
    }
  }

  /** An inner class whose method uses the enclosing instance's fields. */
  final class Tally {
    int count;

    String add(int k) {
      count += k;
      n += k;
      trace.add("tally " + count + " n " + n);
      return count + "/" + n;
    }
  }

  /** A record whose method reads its own and another record's components. */
  record Point(int x, int y) {
    int manhattan(Point other, Trace t) {
      int dx = Math.abs(x - other.x());
      int dy = Math.abs(y - other.y);
      t.add("dx " + dx + " dy " + dy);
      return dx + dy;
    }
  }

  /**
   * What {@code await(x)} is to the type checker: a generic method call, so a {@code ?:} with it
   * as an arm is a reference conditional (JLS 15.25), not a numeric one.
   */
  static <T> T same(T value) {
    return value;
  }

  /** A returned ?: with a generic arm: each arm converted to double on its own. */
  double returnPromoted(boolean c) {
    trace.add("promoted " + c);
    return c ? 16777217 : same(1.5f);
  }

  /** The same ?: assigned to a local, then used. */
  String assignPromoted(boolean c) {
    double d = c ? 16777217 : same(1.5f);
    Object o = c ? 1 : same(2.5);
    return d + "/" + o;
  }

  /** A returned reference ?: in a method returning Object: no numeric promotion. */
  Object returnObjectPromoted(boolean c) {
    return c ? 1 : same(2.5);
  }

  /** A returned numeric ?: in a method returning Object: promoted, then boxed. */
  Object returnObjectNumeric(boolean c) {
    return c ? 1 : 2.5 + same(0.0);
  }

  /** The false arm is the await-free one. */
  long returnLongFromInt(boolean c) {
    return c ? same(3) : 4L;
  }

  /** A reference ?: with a null arm. */
  Integer returnBoxedNull(boolean c) {
    return c ? null : same(5);
  }

  /** Both arms await, inside try/finally. */
  String returnConditionalInTry(boolean c) {
    try {
      trace.add("try " + c);
      return c ? same("a") : same("b") + "!";
    } finally {
      trace.add("finally");
    }
  }

  /** An await-free arm that captures a parameter in a lambda. */
  int returnArmWithLambda(boolean c, int k) {
    return c ? same(k) : java.util.stream.Stream.of(k).map(v -> v + k).findFirst().get();
  }

  /** A returned ?: nested in the false arm. */
  String returnNestedConditional(int x) {
    return x < 0 ? "negative" : same(x) == 0 ? "zero" : "positive " + same(x);
  }

  int echo(int value) {
    return value;
  }

  long slowLong(long v) {
    trace.add("long " + v);
    return v;
  }

  boolean slowFlag(boolean b) {
    trace.add("flag " + b);
    return b;
  }

  char slowChar(char c) {
    trace.add("char " + c);
    return c;
  }

  String slowText(String s) {
    trace.add("text " + s);
    return s;
  }

  /** Direct @Async calls (in the twin) of each primitive type and a class type, spilled. */
  String typedSpills(int a, int b) {
    int sum = echo(a) + echo(b);
    long wide = slowLong(a) * slowLong(b);
    boolean both = slowFlag(a > 0) & slowFlag(b > 0);
    boolean same = echo(a) == echo(b);
    String joined = slowText("x" + a) + slowText("y" + b);
    boolean identical = slowText("k") == slowText("k");
    boolean fresh = slowText(new String("k")) == slowText("k");
    int code = slowChar('a') + slowChar((char) ('a' + b));
    List<Integer> out = new ArrayList<>(List.of(10, 20, 30));
    out.remove(echo(0) + echo(1) - 1);
    Long big = 1000L + a;
    boolean eqBig = big == slowLong(1000 + a);
    return eqBig + "|" + sum + "|" + wide + "|" + both + "|" + same + "|" + joined + "|" + identical + "|" + fresh
        + "|" + code + "|" + out;
  }

  /** Compound assignments to locals whose right-hand side awaits (in the twin). */
  @SuppressWarnings("lossy-conversions") // JDK 20+: narrow += int is the point of the test
  String compoundOnLocals(int k) {
    int sum = 1;
    sum += k;
    sum += sum * k;
    sum += (sum = 5) + k;
    sum -= sum++ - k;
    short narrow = 30000;
    narrow += k * 10000;
    String text = "t";
    text += text + "!" + k;
    return sum + "|" + narrow + "|" + text;
  }

  static double doubled(double d) {
    return 2 * d;
  }

  static String typeAndValue(Object o) {
    return o.getClass().getSimpleName() + ":" + o;
  }

  /** A reference ?: with an await arm as a method argument and an operand (in the twin). */
  String conditionalArguments(boolean c) {
    String a = "" + doubled(c ? 16777217 : same(1.5f));
    String b = typeAndValue(c ? 1 : same(2.5));
    long l = 10L + (c ? same(3) : 4L);
    String d = typeAndValue(c ? same(7) : "text");
    return a + "|" + b + "|" + l + "|" + d;
  }

  /** An instance method (@Async in the twin) overloaded with a static one of another arity. */
  String tagOf(Color c) {
    return "color " + c;
  }

  static String tagOf(int v, String unit) {
    return v + unit;
  }

  /** Calls both kinds of an overloaded name without a receiver. */
  String staticAndInstanceOverloads(int k) {
    String a = tagOf(k, "ms");
    String b = tagOf(Color.RED);
    return a + "|" + b + "|" + tagOf(k + 1, "s");
  }

  /** ?: and switch expressions with a generic arm in every context (awaited in the twin). */
  @SuppressWarnings("lossy-conversions") // JDK 20+: narrow += int is the point of the test
  String conditionalContexts(boolean c, int k) {
    Object assigned = c ? same(1) : 2.5;
    String argument = typeAndValue(c ? same(1) : 2.5);
    double operand = (c ? same(1) : 0) * 1.5;
    String concat = "" + (c ? same(1) : 2.5) + (c ? same('x') : 'y');
    Object cast = (Object) (c ? same(1) : 2.5);
    double primitive = c ? same(1) : 2.5;
    short narrow = c ? same((short) 3) : 1;
    narrow += c ? same(1) : 2;
    Object nested = c ? (k > 0 ? same('n') : 7) : 2.5;
    long known = (c ? answer(k) : 2L) + 1;
    Object generic = c ? same(k) : same(2.5);
    Object switched = switch (k) {
      case 0 -> same(1);
      case 1 -> 'c';
      default -> 2.5;
    };
    double switchOperand = switch (k) {
      case 0 -> same(1);
      default -> 2.5;
    } * 2;
    String switchConcat = "" + switch (k) {
      case 0 -> same(1);
      case 1 -> {
        int t = k * 10;
        yield t;
      }
      default -> 'd';
    };
    return typeAndValue(assigned) + "|" + argument + "|" + operand + "|" + concat + "|"
        + typeAndValue(cast) + "|" + primitive + "|" + narrow + "|" + typeAndValue(nested) + "|"
        + known + "|" + typeAndValue(generic) + "|" + typeAndValue(switched) + "|"
        + switchOperand + "|" + switchConcat;
  }

  /** A long result (a direct @Async call in the twin). */
  long answer(int k) {
    return 40 + k;
  }

  Object conditionalReturned(boolean c) {
    return c ? same(1) : 2.5;
  }

  Object switchReturned(int k) {
    return switch (k) {
      case 0 -> same(1);
      default -> 2.5;
    };
  }

  /** == on boxed values stays a reference comparison; with a primitive side, by value. */
  String boxedEquality(int a) {
    Integer big = 1000 + a;
    boolean sameObject = same(big) == same(big);
    boolean distinct = same(Integer.valueOf(1000 + a)) == same(Integer.valueOf(1000 + a));
    boolean byValue = same(big) == 1000 + a;
    boolean mixed = 1000 + a != same(big);
    boolean direct = answer(a) == answer(a);
    return sameObject + "|" + distinct + "|" + byValue + "|" + mixed + "|" + direct;
  }

  /** Compound assignments whose right side changes the variable (JLS 15.26.2). */
  String compoundSelfChanging(int k) {
    int x = 5 + k;
    x += x++ * same(2) + x;
    n = 3 + k;
    n -= n++ * same(3) - n;
    cells[1] = 7;
    cells[1] *= ++cells[1] + same(k);
    String s = "a";
    s += (s = "b") + same("c") + s;
    return x + "|" + n + "|" + cells[1] + "|" + s;
  }

  /** A for loop whose init assigns existing variables, and C-style array declarators. */
  String loopHeadersAndDeclarators(int[] xs, int min) {
    int i;
    int j;
    for (i = 0, j = xs.length; i < xs.length; i++, j--) {
      if (same(xs[i]) < 0) {
        break;
      }
    }
    int d[] = {i, j}, e[][] = {{min}};
    int[] f[] = {{same(d[0] + d[1])}};
    return i + "|" + j + "|" + f[0][0] + "|" + e[0][0] + "|" + d.length;
  }

  /** A returned lambda captures a parameter (a field of the twin's state machine). */
  List<Integer> lambdaInReturn(List<Integer> xs, int min) {
    List<Integer> all = same(xs);
    return all.stream().filter(x -> x >= min).toList();
  }

  /** Same-named locals in sibling scopes; locals definitely assigned through switches. */
  String scopesAndSwitches(int k) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      int x = i * k;
      same(0);
      sb.append(x).append(',');
    }
    for (int i = 0; i < 2; i++) {
      String x = "s" + i;
      sb.append(same(x)).append(',');
    }
    String s;
    int n;
    switch (k) {
      case 0:
        s = "zero";
        n = same(0);
        break;
      case 1:
        s = same("one");
        n = 1;
        break;
      default:
        s = "many";
        n = k;
    }
    final int m;
    switch (k) {
      case 0 -> m = same(10);
      default -> m = 20;
    }
    return sb + s + n + m;
  }
}
