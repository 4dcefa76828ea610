package io.asyncio4j.differential;

import static io.asyncio4j.Asyncio.*;

import io.asyncio4j.Async;
import io.asyncio4j.Awaitable;
import io.asyncio4j.CancelledException;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code @Async} half of the differential corpus: each method is the twin of the same-named
 * method in {@link PlainCorpus}, with some of the values it uses obtained through {@code
 * await(...)} instead. Run through the generated {@code AsyncCorpusAsync} entry points, every
 * method must behave exactly as its plain twin: same result, same exception, same {@link #trace}.
 *
 * <p>The awaited values come from {@link #io}, {@link #effect}, {@link #ready}, {@link #soon} and
 * {@link #nap}: already-done futures (the await's fast path), futures completed by a {@code
 * callSoon} callback or by a timer (the await really suspends and resumes), and inline awaits of
 * other {@code @Async} methods. The {@link AwaitMode} chooses which kind {@code io} and {@code
 * effect} produce.
 *
 * <p>Threading: loop-confined; run only on the event loop's thread.
 */
public final class AsyncCorpus {
  final Trace trace = new Trace();

  /** Mutable state for the evaluation-order cases. */
  int n;

  Holder holder;
  int[] cells = new int[3];

  private final AwaitMode mode;
  private int ioCount;

  /** How many awaited values were delivered by a later callback (the await suspended). */
  int deferred;

  /** How many timer-completed awaitables ({@link #nap}) were handed out. */
  int naps;

  public AsyncCorpus(AwaitMode mode) {
    this.mode = mode;
  }

  // ---------------------------------------------------------------- awaitables

  /** An already-done future holding {@code value}: awaiting it does not suspend. */
  <T> Future<T> ready(T value) {
    Future<T> f = getRunningLoop().createFuture();
    f.setResult(value);
    return f;
  }

  /** A pending future completed with {@code value} by a {@code callSoon} callback. */
  <T> Future<T> soon(T value) {
    EventLoop loop = getRunningLoop();
    Future<T> f = loop.createFuture();
    loop.callSoon(
        () -> {
          deferred++;
          f.setResult(value);
        });
    return f;
  }

  /** A timer-completed awaitable: {@code sleep(1 ms, value)}. */
  <T> Awaitable<T> nap(T value) {
    naps++;
    return sleep(Duration.ofMillis(1), value);
  }

  /** An awaitable producing {@code value}, of the kind the {@link AwaitMode} selects. */
  <T> Awaitable<T> io(T value) {
    switch (mode) {
      case READY:
        return ready(value);
      case SOON:
        return soon(value);
      default:
        int k = ioCount++ % 3;
        return k == 0 ? ready(value) : k == 1 ? soon(value) : nap(value);
    }
  }

  /**
   * An awaitable that runs {@code effect} and produces its value or exception: at once (in {@link
   * AwaitMode#READY} mode, or every other time in {@link AwaitMode#MIXED} mode) or from a {@code
   * callSoon} callback, that is, while the awaiting coroutine is suspended.
   */
  <T> Future<T> effect(Supplier<T> effect) {
    EventLoop loop = getRunningLoop();
    Future<T> f = loop.createFuture();
    boolean now = mode == AwaitMode.READY || (mode == AwaitMode.MIXED && ioCount++ % 2 == 0);
    Runnable complete =
        () -> {
          T value;
          try {
            value = effect.get();
          } catch (RuntimeException e) {
            f.setException(e);
            return;
          }
          f.setResult(value);
        };
    if (now) {
      complete.run();
    } else {
      loop.callSoon(
          () -> {
            deferred++;
            complete.run();
          });
    }
    return f;
  }

  /** A coroutine that returns without suspending; a direct call is an inline await of it. */
  @Async
  int echo(int value) {
    return value;
  }

  /** An overload of {@link #echo(int)}. */
  @Async
  String echo(String value) {
    return value;
  }

  // ---------------------------------------------------------------- helpers (plain twin's calls)

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

  /** The twin's {@code bump()}, as a coroutine that suspends before changing the field. */
  @Async
  int bumpSlowly() {
    await(sleep(Duration.ofMillis(1)));
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

  /** The twin's {@code validate}, throwing after it resumed. */
  @Async
  int validate(int x) {
    int v = await(nap(x));
    if (v % 3 == 0) {
      throw new IllegalArgumentException(v + " is divisible by 3");
    }
    return v;
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

  @Async
  int sumUntil(List<Integer> xs, int limit) {
    int total = 0;
    outer:
    for (int x : xs) {
      trace.add("x=" + await(io(x)));
      if (total + await(io(x)) > limit) {
        break outer;
      }
      total += echo(x);
    }
    return total;
  }

  @Async
  String fizzBuzz(int limit) {
    StringBuilder sb = new StringBuilder();
    for (int i = await(io(1)); i <= limit; i += await(io(1))) {
      String word =
          i % 15 == 0
              ? await(io("FizzBuzz"))
              : i % 5 == 0 ? "Buzz" : i % 3 == 0 ? await(io("Fizz")) : String.valueOf(i);
      trace.add(word);
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(await(io(word)));
    }
    return sb.toString();
  }

  @Async
  List<Integer> cleanRows(int[][] grid) {
    List<Integer> rows = new ArrayList<>();
    nextRow:
    for (int r = 0; r < grid.length; r++) {
      for (int c = 0; c < await(io(grid[r])).length; c++) {
        if (await(io(grid[r][c])) < 0) {
          trace.add("dirty " + r + "," + c);
          continue nextRow;
        }
      }
      rows.add(await(io(r)));
    }
    return rows;
  }

  @Async
  int collatzSteps(long start) {
    if (await(io(start)) <= 0) {
      throw new IllegalArgumentException("start must be positive: " + start);
    }
    long v = start;
    int steps = 0;
    do {
      v = v % 2 == 0 ? await(io(v / 2)) : 3 * v + 1;
      steps++;
      if (steps % 5 == 0) {
        trace.add("at " + steps + ": " + await(io(v)));
      }
    } while (await(io(v)) != 1);
    return steps;
  }

  @Async
  String drain(List<Integer> items, int budget) {
    Deque<Integer> queue = new ArrayDeque<>(items);
    int spent = 0;
    while (true) {
      Integer next = await(io(queue)).poll();
      if (next == null) {
        break;
      }
      if (next == 0) {
        trace.add(await(io("skip zero")));
        continue;
      }
      if (next < 0) {
        return "aborted at " + await(io(next)) + " after " + spent;
      }
      spent += await(io(next));
      trace.add("spent " + spent);
      if (spent > budget) {
        throw new IllegalStateException("over budget: " + spent + " > " + await(io(budget)));
      }
    }
    return "drained, spent " + spent;
  }

  @Async
  String firstDigit(String s) {
    String result = "none";
    found:
    {
      if (await(io(s == null))) {
        break found;
      }
      for (char c : s.toCharArray()) {
        if (Character.isDigit(await(io(c)))) {
          result = "digit " + c;
          break found;
        }
      }
      result = await(io("no digit in " + s));
    }
    trace.add(result);
    return result;
  }

  @Async
  int stepsToReach(int limit, int step) {
    int i = 0;
    int rounds = 0;
    while (i < await(io(limit))) {
      rounds++;
      trace.add("i=" + i);
      i += await(io(step));
      if (rounds > 20) {
        throw new IllegalStateException("no progress with step " + await(io(step)));
      }
    }
    return rounds * 1000 + i;
  }

  @Async
  String matrixSquare(int size) {
    int[][] a = new int[await(io(size))][size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        a[i][j] = await(io(i + j));
      }
    }
    int[][] p = new int[size][size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          p[i][j] += await(io(a[i][k])) * a[k][j];
        }
      }
      trace.add("row " + i + " " + Arrays.toString(p[i]));
    }
    return Arrays.deepToString(p);
  }

  @Async
  int binarySearch(int[] sorted, int key) {
    int lo = 0;
    int hi = sorted.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      trace.add("probe " + mid);
      if (await(io(sorted[mid])) < key) {
        lo = mid + 1;
      } else if (sorted[await(io(mid))] > key) {
        hi = mid - 1;
      } else {
        return await(io(mid));
      }
    }
    return -(lo + 1);
  }

  @Async
  String bubbleSort(int[] xs) {
    int[] a = await(io(xs)).clone();
    int swaps = 0;
    for (int end = a.length - 1; end > 0; end--) {
      boolean swapped = false;
      for (int i = 0; i < end; i++) {
        if (a[i] > await(io(a[i + 1]))) {
          int t = a[i];
          a[i] = a[i + 1];
          a[i + 1] = await(io(t));
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

  @Async
  int parseAll(List<String> tokens) {
    int sum = 0;
    for (String t : tokens) {
      int v;
      try {
        v = Integer.parseInt(await(io(t)));
      } catch (NumberFormatException e) {
        trace.add("bad " + await(io(e.getMessage())));
        continue;
      }
      if (v < 0) {
        throw new IllegalArgumentException("negative: " + v);
      }
      sum += await(io(v));
      trace.add("sum=" + sum);
    }
    return sum;
  }

  @Async
  String nestedFinally(int k) {
    try {
      trace.add("outer");
      try {
        trace.add(await(io("inner")));
        if (await(io(k)) == 0) {
          return await(io("early0"));
        }
        if (k == 1) {
          throw new IllegalStateException("boom1");
        }
        trace.add("inner done");
      } finally {
        trace.add(await(io("finally inner")));
      }
      if (await(io(k)) == 2) {
        return "early2";
      }
      trace.add("outer done");
    } finally {
      trace.add(await(io("finally outer")));
    }
    return "normal";
  }

  @Async
  String breakThroughFinallies(int stopAt) {
    int i = 0;
    out:
    for (; ; ) {
      try {
        try {
          trace.add("i=" + await(io(i)));
          if (await(io(i)) == stopAt) {
            break out;
          }
          if (i > 3) {
            throw new IllegalStateException("ran off at " + i);
          }
        } finally {
          trace.add("f1 " + await(io(i)));
        }
      } finally {
        trace.add("f2 " + i);
      }
      i++;
    }
    trace.add("after");
    return "stopped at " + i;
  }

  @Async
  int continueThroughFinally(List<Integer> xs) {
    int kept = 0;
    for (int x : xs) {
      try {
        if (await(io(x)) % 2 == 0) {
          continue;
        }
        if (x < 0) {
          return -await(io(kept));
        }
        kept += await(io(x));
      } finally {
        trace.add("seen " + x);
      }
      trace.add("kept " + await(io(kept)));
    }
    return kept;
  }

  @Async
  int throwAfterResume(int x) {
    int y = await(nap(x)) * 2;
    trace.add("y=" + y);
    if (y > 10) {
      throw new IllegalStateException("too big: " + y);
    }
    return y + 1;
  }

  @Async
  String catchWrapped(int code) {
    try {
      int v = await(effect(() -> check(code)));
      trace.add("v=" + v);
      return "ok " + v;
    } catch (IllegalArgumentException e) {
      trace.add("caught " + await(io(e.getMessage())));
      throw new IllegalStateException("wrapped: " + e.getMessage(), e);
    }
  }

  @Async
  @SuppressWarnings("finally")
  int finallyOverridesReturn(int k) {
    try {
      trace.add("try " + await(io(k)));
      if (k % 2 == 1) {
        throw new IllegalStateException("lost " + k);
      }
      return await(io(1));
    } finally {
      trace.add("finally " + await(io(k)));
      if (k >= 10) {
        return 2;
      }
    }
  }

  @Async
  String finallyThrowReplaces(int k) {
    try {
      try {
        trace.add("body");
        if (await(io(k)) == 1) {
          throw new IllegalArgumentException("from body");
        }
        return await(io("body result"));
      } finally {
        trace.add(await(io("cleanup")));
        if (k == 3) {
          throw new UnsupportedOperationException("escapes from finally");
        }
        if (k >= 1) {
          throw new IllegalStateException("from finally " + k);
        }
      }
    } catch (CancelledException e) {
      throw e;
    } catch (IllegalStateException e) {
      trace.add("caught " + await(io(e.getMessage())));
      return "recovered " + k;
    }
  }

  @Async
  String catchThenThrow(int x) {
    try {
      try {
        if (await(io(x)) < 0) {
          throw new IllegalArgumentException("neg " + x);
        }
        return "pos " + x;
      } catch (IllegalArgumentException e) {
        trace.add("catch " + e.getMessage());
        if (await(io(x)) < -10) {
          throw new IllegalStateException("very negative", e);
        }
        return "handled " + await(io(x));
      } finally {
        trace.add("finally " + await(io(x)));
      }
    } catch (IllegalStateException e) {
      trace.add(
          "outer catch " + e.getMessage() + " caused by " + await(io(e.getCause().getMessage())));
      throw e;
    }
  }

  @Async
  int multiCatch(String s) {
    try {
      int v = Integer.parseInt(await(io(s)));
      trace.add("parsed " + v);
      return 100 / await(io(v));
    } catch (NumberFormatException | ArithmeticException e) {
      trace.add(e.getClass().getSimpleName() + ": " + await(io(e.getMessage())));
      return -1;
    }
  }

  @Async
  int indexOfWithCleanup(List<String> xs, String target) {
    trace.add("lock");
    try {
      for (int i = 0; i < xs.size(); i++) {
        if (await(io(xs.get(i))).equals(target)) {
          return i;
        }
        trace.add("miss " + await(io(i)));
      }
      throw new NoSuchElementException("not found: " + target);
    } finally {
      await(sleep(Duration.ofMillis(1)));
      trace.add("unlock");
    }
  }

  @Async
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

  @Async
  String readConfig(String name) throws IOException {
    trace.add("read " + await(io(name)));
    if (name.isEmpty()) {
      throw new IOException("empty name");
    }
    if (await(nap(name)).startsWith("/")) {
      throw new FileNotFoundException(name);
    }
    return "config:" + name;
  }

  // ---------------------------------------------------------------- try-with-resources

  @Async
  String twoResources(int flags) {
    try (Res a = new Res(await(io("a")), trace, (flags & 2) != 0);
        Res b = new Res("b", trace, (await(io(flags)) & 4) != 0)) {
      String r = a.use(await(io("x"))) + "+" + await(io(b.use("y")));
      if ((flags & 1) != 0) {
        throw new IllegalStateException("body failed");
      }
      return r;
    } catch (CancelledException e) {
      throw e;
    } catch (IllegalStateException e) {
      StringBuilder sb = new StringBuilder(e.getMessage());
      for (Throwable s : e.getSuppressed()) {
        sb.append(" +").append(await(io(s.getMessage())));
      }
      trace.add("caught " + sb);
      return "failed: " + sb;
    } finally {
      trace.add(await(io("finally")));
    }
  }

  @Async
  String nullResource(boolean present) {
    try (Res r = await(io(present)) ? new Res("r", trace, false) : null) {
      trace.add("body " + (r == null ? "without" : await(io(r.use("it")))));
    }
    return "done " + present;
  }

  @Async
  String existingResource(int flags) {
    Res outer = new Res("outer", trace, (await(io(flags)) & 1) != 0);
    try (outer;
        Res inner = new Res("inner", trace, (flags & 2) != 0)) {
      if ((await(io(flags)) & 4) != 0) {
        throw new UnsupportedOperationException("body " + inner.use("fail"));
      }
      return inner.use(await(io(outer.use("both"))));
    }
  }

  @Async
  int resourcesInLoop(int failAt) {
    int used = 0;
    for (int i = 0; i < 4; i++) {
      try (Res r = new Res("r" + i, trace, i == await(io(failAt)))) {
        if (i == 1) {
          continue;
        }
        if (await(io(i)) == 3) {
          break;
        }
        used += await(io(r.use("step"))).length();
      }
    }
    return used;
  }

  // ---------------------------------------------------------------- switch

  @Async
  @SuppressWarnings("fallthrough")
  int countVowels(String s) {
    int vowels = 0;
    int others = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(await(io(s)).charAt(i));
      switch (await(io(c))) {
        case 'a':
        case 'e':
        case 'i':
        case 'o':
        case 'u':
          vowels += await(io(1));
          trace.add("vowel " + c);
        // fall through
        case 'y':
          trace.add("maybe " + await(io(c)));
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

  @Async
  String describe(Color c) {
    String d;
    switch (await(io(c))) {
      case RED -> d = await(io("warm"));
      case GREEN, BLUE -> {
        trace.add("cool " + await(io(c)));
        d = "cool";
      }
      default -> throw new IllegalArgumentException("no temperature for " + await(io(c)));
    }
    return d + "/" + c.ordinal();
  }

  @Async
  @SuppressWarnings("fallthrough")
  int command(String cmd) {
    int level = 0;
    switch (await(io(cmd))) {
      case "reset":
        level = -1;
        trace.add("reset");
        break;
      case "all":
        level += await(io(100));
        trace.add("all");
      // fall through
      case "most":
        level += 10;
        trace.add(await(io("most")));
      // fall through
      case "one":
        level += await(io(1));
        trace.add("one");
        break;
      default:
        throw new IllegalArgumentException("unknown command: " + cmd);
    }
    return level;
  }

  @Async
  String classify(int code) {
    String kind =
        switch (await(io(code)) / 100) {
          case 1:
            yield "info";
          case 2:
            {
              trace.add("success " + await(io(code)));
              yield code == 204 ? "empty" : await(io("ok"));
            }
          case 3:
          case 4:
            trace.add("client-ish");
            yield await(io("redirect-or-client"));
          default:
            {
              if (await(io(code)) < 0) {
                throw new IllegalArgumentException("negative status " + code);
              }
              yield "server";
            }
        };
    trace.add(kind);
    return kind + ":" + code;
  }

  @Async
  int weight(Color c, int k) {
    int w =
        switch (c) {
          case RED -> await(io(k)) * 2;
          case GREEN -> {
            int t = await(io(k)) + 1;
            trace.add("green " + t);
            yield t * t;
          }
          case BLUE -> -k;
          case BLACK -> throw new IllegalStateException(await(io("black has no weight")));
        };
    return w
        + switch (await(io(w)) % 3) {
          case 0 -> 100;
          case 1, -1 -> await(io(10));
          default -> 1;
        };
  }

  @Async
  int runOps(List<String> ops) {
    int acc = 0;
    loop:
    for (String op : ops) {
      switch (await(io(op))) {
        case "skip":
          continue;
        case "stop":
          break loop;
        case "dbl":
          acc *= await(io(2));
          break;
        case "inc":
          acc++;
          break;
        default:
          trace.add("ignored " + await(io(op)));
      }
      trace.add(op + " -> " + acc);
    }
    return acc;
  }

  @Async
  String dayKind(int day) {
    String kind = "?";
    switch (day) {
      case 1, 7 -> kind = await(io("weekend"));
      case 2, 3, 4, 5 -> {
        trace.add("work " + await(io(day)));
        kind = "weekday";
      }
      case 6 -> {
        trace.add("friday");
        kind = "almost";
      }
      default -> trace.add("bad day " + await(io(day)));
    }
    return kind;
  }

  @Async
  boolean parseBool(String s) {
    boolean b =
        switch (await(io(s.trim())).toLowerCase(Locale.ROOT)) {
          case "yes", "y", "true" -> true;
          case "no", "n", "false" -> await(io(false));
          default -> throw new IllegalArgumentException("not a boolean: " + s);
        };
    trace.add("parsed " + b);
    return b;
  }

  // ---------------------------------------------------------------- collections and strings

  @Async
  Map<Integer, List<String>> byLength(List<String> words) {
    Map<Integer, List<String>> m = new TreeMap<>();
    for (String w : words) {
      m.computeIfAbsent(await(io(w)).length(), k -> new ArrayList<>())
          .add(await(io(w.toUpperCase(Locale.ROOT))));
    }
    trace.add("keys " + m.keySet());
    return m;
  }

  @Async
  String wordFreq(String text) {
    Map<String, Integer> freq = new LinkedHashMap<>();
    for (String w : await(io(text)).trim().split("\\s+")) {
      if (w.isEmpty()) {
        continue;
      }
      freq.merge(await(io(w.toLowerCase(Locale.ROOT))), await(io(1)), Integer::sum);
    }
    StringBuilder sb = new StringBuilder();
    freq.forEach((k, v) -> sb.append(k).append('=').append(v).append(';'));
    trace.add("distinct " + await(io(freq.size())));
    return sb.toString();
  }

  @Async
  String reverseWords(String s) {
    String[] words = s.split(" ");
    StringBuilder sb = new StringBuilder();
    for (int i = words.length - 1; i >= 0; i--) {
      sb.append(await(io(words[i]))).append(i > 0 ? await(io(" ")) : "");
      trace.add("len " + sb.length());
    }
    return sb.insert(0, await(io('['))).append(']').toString();
  }

  @Async
  String joinParts(List<String> parts) {
    String s = "";
    for (String p : parts) {
      s += (s.isEmpty() ? "" : "-") + echo(await(io(p)));
      trace.add(s);
    }
    s += await(io(s.length()));
    return s;
  }

  @Async
  List<Integer> removeEvens(List<Integer> xs) {
    List<Integer> list = new ArrayList<>(xs);
    for (Iterator<Integer> it = list.iterator(); await(io(it.hasNext())); ) {
      int v = it.next();
      if (await(io(v)) % 2 == 0) {
        it.remove();
        trace.add("removed " + v);
      }
    }
    return list;
  }

  @Async
  int rpn(String expr) {
    Deque<Integer> stack = new ArrayDeque<>();
    for (String tok : expr.split(" ")) {
      switch (await(io(tok))) {
        case "+" -> stack.push(stack.pop() + await(io(stack.pop())));
        case "*" -> stack.push(stack.pop() * stack.pop());
        case "-" -> {
          int b = await(io(stack)).pop();
          int a = stack.pop();
          stack.push(a - b);
        }
        case "/" -> {
          int b = stack.pop();
          int a = await(io(stack.pop()));
          stack.push(a / b);
        }
        default -> stack.push(Integer.parseInt(await(io(tok))));
      }
      trace.add(tok + " " + stack);
    }
    if (await(io(stack.size())) != 1) {
      throw new IllegalStateException("leftover " + stack);
    }
    return stack.pop();
  }

  @Async
  String letterHistogram(String s) {
    int[] counts = new int[26];
    for (char c : s.toCharArray()) {
      counts[await(io(c)) - 'a']++;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        sb.append((char) ('a' + i)).append(await(io(counts[i])));
      }
    }
    trace.add(sb.toString());
    return sb.toString();
  }

  @Async
  String varLocals(int count) {
    var list = new ArrayList<Map.Entry<String, Integer>>();
    for (var i = 0; i < count; i++) {
      list.add(Map.entry("k" + i, await(io(i * 10))));
    }
    var sum = 0L;
    for (var e : list) {
      sum += await(io(e)).getValue();
    }
    var text = list.stream().map(Map.Entry::getKey).collect(Collectors.joining("|"));
    trace.add("sum " + await(io(sum)));
    return text + "=" + sum;
  }

  @Async
  String stats(double[] xs) {
    double sum = 0;
    for (double x : xs) {
      sum += await(io(x));
    }
    double mean = sum / xs.length;
    double variance = 0;
    for (double x : xs) {
      variance += (x - mean) * (await(io(x)) - mean);
    }
    variance /= xs.length;
    trace.add("mean " + mean);
    return String.format(Locale.ROOT, "%.3f/%.3f", mean, await(io(variance)));
  }

  // ---------------------------------------------------------------- operators

  @Async
  String incDec(int x) {
    int i = x;
    int a = i++ + await(io(++i));
    int b = await(io(i--)) - --i;
    int c = (i += await(io(3))) * (i -= 1);
    trace.add("i " + i);
    return a + "," + b + "," + c + "," + i;
  }

  @Async
  @SuppressWarnings("lossy-conversions")
  String compound(int x, int y) {
    int v = x;
    long l = x;
    v += await(io(y));
    v -= 1;
    v *= y;
    trace.add("v1=" + v);
    v /= await(io(y));
    v %= 7;
    v <<= await(io(2));
    v >>= 1;
    v >>>= await(io(1));
    v &= 0xff;
    v |= 0x100;
    v ^= await(io(0x0f));
    l *= await(io(1_000_000_007L));
    l ^= v;
    short s = 10;
    s += await(io(y));
    byte b = 127;
    b += await(io(1));
    char ch = 'a';
    ch += await(io(y));
    double d = 1.5;
    d *= await(io(x));
    return v + "," + l + "," + s + "," + b + "," + ch + "," + d;
  }

  @Async
  String logic(int a, int b) {
    boolean r1 = operand("a>0", a > 0) && await(effect(() -> operand("b>0", b > 0)));
    boolean r2 = await(io(operand("a<0", a < 0))) || operand("b<0", b < 0);
    boolean r3 =
        (operand("a==b", a == b) || await(effect(() -> operand("a>b", a > b))))
            && !await(effect(() -> operand("b==0", b == 0)));
    boolean r4 = operand("x", a % 2 == 0) ^ await(effect(() -> operand("y", b % 2 == 0)));
    return r1 + "," + r2 + "," + r3 + "," + r4;
  }

  @Async
  String sign(int x) {
    String s =
        x > 0
            ? await(effect(() -> pick("pos")))
            : await(io(x)) < 0 ? await(effect(() -> pick("neg"))) : "zero";
    int magnitude = x >= 0 ? x : -await(io(x));
    return s + magnitude;
  }

  @Async
  int doubleOrFail(int x) {
    int v = x >= 0 ? await(io(x)) * 2 : AsyncCorpus.<Integer>fail("negative input " + x);
    trace.add("v " + v);
    return v;
  }

  // ---------------------------------------------------------------- evaluation order (pitfalls
  // 1-5)

  @Async
  String arrayCompound(int i) {
    int[] a = {1, 2, 3};
    a[i] += await(effect(() -> poke(a, i)));
    trace.add("after " + Arrays.toString(a));
    return Arrays.toString(a);
  }

  @Async
  String arrayStore(int start) {
    String[] arr = new String[3];
    int k = start;
    arr[k++] = await(io(label(k)));
    arr[k++] = label(await(io(k)));
    return Arrays.toString(arr) + " k=" + k;
  }

  @Async
  String fieldArrayStore(int k) {
    cells = new int[3];
    int[] original = cells;
    cells[k] = await(effect(() -> reset(k)));
    return Arrays.toString(original) + " " + Arrays.toString(cells);
  }

  @Async
  String holderReassign(boolean present) {
    Holder h = present ? new Holder("a") : null;
    holder = h;
    holder.value = await(effect(() -> load("b")));
    return h + "/" + holder;
  }

  @Async
  String receiverArgOrder(boolean present) {
    return target("r", present).combine(arg("x"), await(effect(() -> arg("y"))), arg("z"));
  }

  @Async
  String shortCircuit(String c) {
    String r;
    if (c == null || await(effect(() -> expired(c)))) {
      r = "expired";
    } else {
      r = "live";
    }
    boolean both = c != null && await(io(c.length())) > 2 && await(effect(() -> expired(c + "!")));
    return r + "/" + both;
  }

  // ---------------------------------------------------------------- lambdas, classes, generics

  @Async
  List<Integer> captureLoop(int count) {
    List<Supplier<Integer>> fs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int k = await(io(i)) * i;
      await(soon("tick"));
      fs.add(() -> k + 1);
    }
    List<String> names = List.of("a", "b", "c");
    List<Supplier<String>> gs = new ArrayList<>();
    for (String s : names) {
      await(io(s));
      gs.add(() -> s + count);
    }
    List<Integer> out = new ArrayList<>();
    for (Supplier<Integer> f : fs) {
      out.add(await(io(f.get())));
    }
    for (Supplier<String> g : gs) {
      trace.add(g.get());
    }
    return out;
  }

  @Async
  String anonymous(List<String> names) {
    List<Runnable> rs = new ArrayList<>();
    for (String name : names) {
      String greeting = "hi " + await(io(name));
      rs.add(
          new Runnable() {
            @Override
            public void run() {
              trace.add(greeting);
            }
          });
      await(nap(name));
    }
    rs.forEach(Runnable::run);
    return await(io(rs.size())) + " greeted";
  }

  /** Private fields, methods, static methods and method references of the enclosing class. */
  @Async
  <T extends Comparable<T>> T maxOf(List<T> xs) {
    if (xs.isEmpty()) {
      throw new NoSuchElementException("empty list");
    }
    T best = await(io(xs.get(0)));
    for (T x : xs) {
      if (await(io(x)).compareTo(best) > 0) {
        trace.add("new max " + x);
        best = x;
      }
    }
    return best;
  }

  @Async
  <A, B> List<String> zip(List<A> as, List<B> bs) {
    List<String> out = new ArrayList<>();
    Iterator<A> ia = as.iterator();
    Iterator<B> ib = bs.iterator();
    while (ia.hasNext() && await(io(ib.hasNext()))) {
      out.add(ia.next() + "&" + await(io(ib.next())));
    }
    if (ia.hasNext() || await(io(ib.hasNext()))) {
      throw new IllegalArgumentException("lengths differ: " + as.size() + " vs " + bs.size());
    }
    return out;
  }

  @Async
  long factorial(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("negative: " + await(io(k)));
    }
    if (await(io(k)) <= 1) {
      return 1;
    }
    long r = k * factorial(k - 1);
    trace.add(k + "! = " + await(io(r)));
    return r;
  }

  @Async
  void announce(List<String> names) {
    if (await(io(names.isEmpty()))) {
      trace.add("nobody");
      return;
    }
    for (String name : names) {
      if (await(io(name)).isBlank()) {
        throw new IllegalArgumentException("blank name");
      }
      trace.add("hello " + name);
      await(sleep(Duration.ofMillis(1)));
    }
  }

  // ---------------------------------------------------------------- scoping and identity

  static final String GREETING = "hello";

  String whoIs(Object o) {
    return o instanceof AsyncCorpus ? "corpus" : o.getClass().getSimpleName();
  }

  @Async
  @SuppressWarnings("fallthrough")
  String switchBlockLocal(int k) {
    switch (await(io(k))) {
      case 1:
        int t = await(io(10));
        trace.add("t " + t);
      case 2:
        t = 20 + await(io(k));
        trace.add("t2 " + t);
        break;
      default:
        t = -1;
        trace.add("default " + await(io(t)));
    }
    return "k " + k;
  }

  @Async
  String sameNameDifferentTypes(int x) {
    StringBuilder sb = new StringBuilder();
    {
      int v = await(io(x * 2));
      sb.append(await(io(v))).append(';');
    }
    {
      String v = await(io("s" + x));
      sb.append(await(io(v))).append(';');
    }
    for (int i = 0; i < 2; i++) {
      long v = 10L * i + await(io(x));
      sb.append(await(io(v))).append(';');
    }
    trace.add(sb.toString());
    return sb.toString();
  }

  @Async
  String boxedIdentity(int v) {
    Integer a = await(io(Integer.valueOf(v)));
    Integer b = await(io(Integer.valueOf(v)));
    Future<Integer> same = ready(a);
    Integer c = await(same);
    int twice = await(same) + await(same);
    return (a == b) + "," + a.equals(b) + "," + (c == a) + "," + twice;
  }

  @Async
  String catchInsideFinally(int k) {
    try {
      if (await(io(k)) == 1) {
        throw new IllegalStateException("body " + k);
      }
      return "ok " + k;
    } finally {
      try {
        if (await(io(k)) >= 2) {
          throw new IllegalArgumentException("cleanup " + k);
        }
        trace.add("cleanup ok");
      } catch (IllegalArgumentException e) {
        trace.add("cleanup failed " + await(io(e.getMessage())));
        if (k == 3) {
          throw new UnsupportedOperationException("from catch in finally", e);
        }
      }
    }
  }

  @Async
  int iterableFromCall(int k) {
    int sum = 0;
    for (int x : await(effect(() -> range(k)))) {
      sum += await(io(x));
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

  @Async
  int nestedFinallyChain(int depth, int failAt) {
    try {
      if (await(io(depth)) == failAt) {
        throw new IllegalStateException("failed at depth " + depth);
      }
      if (depth == 0) {
        return await(io(0));
      }
      return 1 + nestedFinallyChain(depth - 1, failAt);
    } finally {
      trace.add("unwind " + await(io(depth)));
    }
  }

  @Async
  String nestedSwitchExpr(int a, int b) {
    String r =
        switch (a) {
          case 1 ->
              switch (await(io(b))) {
                case 1 -> "one-one";
                case 2 -> {
                  trace.add(await(io("one-two")));
                  yield "one-two";
                }
                default -> "one-" + b;
              };
          case 2 -> await(io("two"));
          default -> {
            if (await(io(b)) < 0) {
              throw new IllegalArgumentException("b " + b);
            }
            yield "other";
          }
        };
    return r + "!";
  }

  @Async
  String mixedTypes(int x) {
    String s = await(io('a')) + 1 + "x" + await(io('b')) + 2;
    long l = 1;
    l <<= await(io(40));
    l += await(io(x));
    short sh = (short) (await(io(x)) * 1000);
    byte by = (byte) (int) await(io(x));
    int i = sh + await(io(by));
    double d = await(io(x)) / 4;
    double e = x / await(io(4.0));
    float f = await(io(1.5f)) * x;
    char c = (char) (await(io('a')) + x % 26);
    Integer boxed = await(io(x));
    long widened = boxed;
    return s + "|" + l + "|" + i + "|" + d + "|" + e + "|" + f + "|" + c + "|" + (widened + 1);
  }

  @Async
  String labelledDoWhile(int rows) {
    StringBuilder sb = new StringBuilder();
    int r = 0;
    outer:
    do {
      r++;
      for (int c = 0; c < 4; c++) {
        if (c > await(io(r))) {
          sb.append('/');
          continue outer;
        }
        if (r * await(io(c)) == 6) {
          sb.append('#');
          break outer;
        }
        sb.append(r * c);
      }
      sb.append(';');
    } while (r < await(io(rows)));
    trace.add("rows " + r);
    return sb.toString();
  }

  @Async
  Map<String, ? extends List<? extends Number>> wildcards(List<? extends Number> xs) {
    List<? super Integer> sink = new ArrayList<Number>();
    double total = 0;
    for (Number x : xs) {
      total += await(io(x)).doubleValue();
      sink.add(x.intValue());
    }
    trace.add("sink " + await(io(sink)));
    Map<String, List<Double>> out = new TreeMap<>();
    out.put("total", List.of(total));
    return out;
  }

  @Async
  String paramReassign(int x, String s) {
    x = await(io(x)) * 2;
    s = s + x;
    for (int i = 0; i < 3; i++) {
      x += await(io(i));
      s = s.substring(0, Math.min(s.length(), 6)) + i;
    }
    trace.add("x " + x);
    return s + "/" + x;
  }

  @Async
  String nameClashes(int label, String self) {
    int r = await(io(label)) + 1;
    int r2 = r * 2;
    String spill = self + await(io(r));
    boolean and = r2 > 3 && await(io(spill)).length() > 1;
    int n = 41;
    this.n = await(io(n)) + 1;
    int dispatch = 0;
    while (dispatch < label) {
      dispatch += await(io(1));
    }
    String result = spill + and + n + this.n + dispatch;
    trace.add(result);
    return result;
  }

  // ---------------------------------------------------------------- failures of the language

  @Async
  String nullSwitch(String s, Color c) {
    String a =
        switch (await(io(s))) {
          case "x" -> "ex";
          default -> "other";
        };
    trace.add("a " + a);
    switch (await(io(c))) {
      case RED:
        return a + " red";
      default:
        return a + " " + c.name().toLowerCase(Locale.ROOT);
    }
  }

  @Async
  int overflow(int a, int b) {
    int sum = Math.addExact(await(io(a)), b);
    trace.add("sum " + sum);
    return Math.multiplyExact(sum, await(io(b)));
  }

  @Async
  String switchSelectorOnce(int start) {
    n = start;
    StringBuilder sb = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      switch (n++) {
        case 0, 1 -> sb.append(await(io("low"))).append(n);
        case 2 -> {
          trace.add("two at round " + await(io(round)));
          sb.append("two");
        }
        default -> sb.append("high").append(await(io(n)));
      }
      String parity = round % 2 == 0 ? "even" : "odd";
      switch (await(effect(() -> pick(parity)))) {
        case "even":
          sb.append(await(io('E')));
          break;
        default:
          sb.append('O');
      }
    }
    return sb + " n=" + n;
  }

  /**
   * For {@code AwaitModeTest}: awaits of done futures and of a coroutine that does not suspend must
   * not yield to the loop, so a callback queued before them runs only at the first real suspension.
   */
  @Async
  String doneAwaitsDoNotYield() {
    getRunningLoop().callSoon(() -> trace.add("callback"));
    int a = await(ready(1));
    int b = echo(2);
    int c = await(ready(3));
    trace.add("after " + (a + b + c));
    await(soon(0));
    trace.add("resumed");
    return "done";
  }

  @Async
  int assertions(int x) {
    assert await(io(x)) != 0;
    trace.add("nonzero " + x);
    assert x > 0 : await(io("x must be positive: " + x));
    return 100 / x;
  }

  // ---------------------------------------------------------------- source-level oddities

  @Async
  String patternFlowScope(Object o) {
    if (!(o instanceof String s)) {
      trace.add("not a string: " + await(io(o)));
      return "?";
    }
    trace.add("string " + await(io(s)));
    return s.toUpperCase(Locale.ROOT) + s.length();
  }

  @Async
  String textBlock(String name) {
    String t =
        """
        Hello, %s!
          indented "line"\ttab
        joined \
        end
        """
            .formatted(await(io(name)));
    String u = "caf\u00e9 \\ \"q\" \n";
    trace.add(await(io(t)));
    return t + u + '\'' + "\u0041";
  }

  @Async
  int commentsInExpressions(int a, int b) {
    int v =
        a // the first part
            + await(io(b)) /* the second part */
            - 1; // and a constant
    int w = /* inline */ v * await(io(2)) // trailing
        ;
    trace.add("v " + v + " w " + w);
    return v + w;
  }

  @Async
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
    count += await(io(1));
    String first = s.get();
    String second = await(io(s)).get();
    trace.add(first + "," + second);
    return first + "," + second + ",outer " + count;
  }

  // ---------------------------------------------------------------- stress and odds and ends

  /** The twin's {@code validate}, throwing before any suspension. */
  @Async
  int validateNow(int x) {
    if (x % 3 == 0) {
      throw new IllegalArgumentException(x + " is divisible by 3");
    }
    return x;
  }

  @Async
  String viaCompletionStage(int code) {
    CompletableFuture<Integer> source =
        mode == AwaitMode.READY
            ? CompletableFuture.completedFuture(code)
            : CompletableFuture.supplyAsync(() -> code);
    try {
      int v = await(source.thenApply(this::check));
      trace.add("v=" + v);
      return "ok " + v;
    } catch (IllegalArgumentException e) {
      trace.add("caught " + e.getMessage());
      return "failed";
    }
  }

  @Async
  long depthSum(int depth) {
    if (depth == 0) {
      trace.add(await(io("bottom")));
      return 0L; // long literal: the return conversion has its own cases (widenReturn)
    }
    long below = depthSum(depth - 1);
    if (depth % 250 == 0) {
      trace.add("depth " + depth + " below " + await(io(below)));
    }
    return below + await(io(depth));
  }

  @Async
  long manyIterations(int count) {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      if (i % 100 == 0) {
        sum += await(io(i % 7));
      } else {
        sum += await(ready(i % 7));
      }
      if (i % 5000 == 0) {
        trace.add("at " + i + " sum " + sum);
      }
    }
    return sum;
  }

  @Async
  String hashCollide(String s) {
    switch (await(io(s))) {
      case "Aa":
        trace.add("Aa");
        return "first";
      case "BB":
        trace.add(await(io("BB")));
        return "second";
      case "AaAa":
      case "BBBB":
        trace.add("double " + s);
        return await(io("third"));
      default:
        return "none " + s.hashCode();
    }
  }

  @Async
  String retry(int failures) {
    int attempt = 0;
    attempts:
    while (true) {
      attempt++;
      try {
        switch (await(io(attempt <= failures)) ? "fail" : "ok") {
          case "fail":
            trace.add("attempt " + attempt + " failed");
            if (await(io(attempt)) >= 3) {
              throw new IllegalStateException("gave up after " + attempt);
            }
            continue attempts;
          default:
            break attempts;
        }
      } finally {
        trace.add("cleanup " + await(io(attempt)));
      }
    }
    return "succeeded on " + attempt;
  }

  @Async
  List<Integer> removeWhileIterating(List<Integer> xs, int victim) {
    List<Integer> list = new ArrayList<>(xs);
    for (Integer x : list) {
      trace.add("visit " + await(io(x)));
      if (x == victim) {
        list.remove(x);
      }
    }
    return list;
  }

  @Async
  List<String> curried(String prefix, int count) {
    Function<Integer, Supplier<String>> f = x -> () -> prefix + x;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(f.apply(await(io(i * 2))).get());
    }
    trace.add("made " + out.size());
    return out;
  }

  @Async
  int forEachThrows(List<Integer> xs) {
    int[] sum = {0};
    await(io(sum));
    xs.forEach(
        x -> {
          if (x < 0) {
            throw new IllegalArgumentException("negative element " + x);
          }
          sum[0] += x;
          trace.add("sum " + sum[0]);
        });
    return await(io(sum[0]));
  }

  @Async
  String inlineThrowBeforeSuspend(List<Integer> xs) {
    int failures = 0;
    StringBuilder sb = new StringBuilder();
    for (int x : xs) {
      try {
        sb.append(validateNow(x)).append(' ');
      } catch (IllegalArgumentException e) {
        failures++;
        trace.add(await(io(e.getMessage())));
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

  /** The twin's {@code slowDouble}, suspending before its side effect. */
  @Async
  int slowDouble(int x) {
    await(sleep(Duration.ofMillis(2)));
    trace.add("doubling " + x);
    return 2 * x;
  }

  @Async
  int returnValueSavedBeforeFinally(int x) {
    int v = x;
    try {
      v += await(io(1));
      if (v > 100) {
        throw new IllegalArgumentException("too large: " + v);
      }
      return v;
    } finally {
      v = await(io(-100));
      trace.add("finally v=" + v);
    }
  }

  @Async
  String localAssignedLater(int x) {
    int a = x;
    int r = a + await(effect(() -> side(1))) + (a = 10) + a;
    String s = String.join("-", String.valueOf(a), await(io("m")), String.valueOf(a = 20));
    return r + "," + s + "," + a;
  }

  @Async
  String nestedValues(int x) {
    int y = await(io(await(io(x)) + await(io(1))));
    int[] arr = {x, await(io(x * 2)), x * 3};
    String[] strs = new String[] {"s" + x, await(io(String.valueOf(y)))};
    int m = Math.max(await(io(x)), Math.min(await(io(3)), x));
    return y + " " + Arrays.toString(arr) + " " + Arrays.toString(strs) + " " + m;
  }

  @Async
  String twoIndexLoop(int size) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0, j = await(io(size)); i < j; i++, j -= await(io(1))) {
      sb.append(i).append(':').append(await(io(j))).append(' ');
      trace.add("pair " + i + "," + j);
    }
    return sb.toString().trim();
  }

  @Async
  int doWhileContinue(int limit) {
    int i = 0;
    int odd = 0;
    do {
      i += await(io(1));
      if (i % 2 == 0) {
        continue;
      }
      odd += i;
      trace.add("odd " + i);
    } while (i < await(io(limit)));
    return odd;
  }

  @Async
  @SuppressWarnings("finally")
  String breakInFinally(int k) {
    int i = 0;
    while (true) {
      try {
        i += await(io(1));
        if (i == k) {
          throw new IllegalStateException("thrown at " + i);
        }
        if (i > 3) {
          return await(io("returned at " + i));
        }
      } finally {
        trace.add("finally " + await(io(i)));
        if (i >= k) {
          break;
        }
      }
    }
    return "broke at " + i;
  }

  @Async
  int switchInTry(String s) {
    try {
      switch (await(io(s))) {
        case "a":
          return await(io(1));
        case "b":
          trace.add(await(io("b")));
          break;
        default:
          throw new IllegalArgumentException("bad " + s);
      }
      return 2;
    } catch (IllegalArgumentException e) {
      trace.add(await(io(e.getMessage())));
      return -1;
    } finally {
      trace.add("finally " + await(io(s)));
    }
  }

  @Async
  String resourceInitFails(int failAt) {
    try (Res a = await(effect(() -> open("a", failAt == 0)));
        Res b = await(effect(() -> open("b", failAt == 1)))) {
      return a.use(await(io("1"))) + b.use("2");
    }
  }

  @Async
  long widenReturn(int k) {
    if (await(io(k)) == 0) {
      return 0;
    }
    if (k < 0) {
      return await(io(k));
    }
    long r = k * await(io(1000L));
    trace.add("r " + r);
    return r;
  }

  @Async
  double average(List<Integer> xs) {
    if (await(io(xs)).isEmpty()) {
      return 0;
    }
    int sum = 0;
    for (int x : xs) {
      sum += await(io(x));
    }
    return sum / (double) xs.size();
  }

  @Async
  Object boxedReturn(int k) {
    if (await(io(k)) > 0) {
      return k;
    }
    if (k < 0) {
      return 'n';
    }
    return "zero";
  }

  @Async
  long yieldWidening(int k) {
    long w =
        switch (await(io(k))) {
          case 1 -> 1;
          case 2 -> await(io(2));
          default -> 3L * k;
        };
    trace.add("w " + w);
    return w;
  }

  @Async
  String fieldCompoundOps(int start) {
    n = start;
    int a = n++ + await(effect(() -> n * 10));
    holder = new Holder("h");
    Holder first = holder;
    holder.value += await(effect(() -> tail("!")));
    String[] names = {"x", "y"};
    int i = 0;
    names[i++] += await(effect(() -> tail("?")));
    return a + "|" + n + "|" + first + "|" + holder + "|" + Arrays.toString(names) + "|" + i;
  }

  @Async
  int clamp(int x, int lo, int hi) {
    if (lo > await(io(hi))) {
      throw new IllegalArgumentException(lo + " > " + hi);
    }
    return await(io(x)) < lo ? await(io(lo)) : x > await(io(hi)) ? hi : x;
  }

  @Async
  String throwComputed(int k) {
    trace.add("k " + k);
    if (k < 0) {
      throw await(io(new IllegalStateException("made for " + k)));
    }
    return await(io("fine " + k));
  }

  @Async
  String suppressAndRethrow(int k) {
    IllegalArgumentException first = null;
    for (int i = 0; i < k; i++) {
      try {
        if (await(io(i)) % 2 == 0) {
          throw new IllegalArgumentException("fail " + i);
        }
        trace.add("ok " + i);
      } catch (IllegalArgumentException e) {
        if (first == null) {
          first = await(io(e));
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

  /** The plain twin's call, run as a separate task that starts when this coroutine suspends. */
  @Async
  int viaTask(int x) {
    Task<Integer> t = createTask(AsyncCorpusAsync.slowDouble(this, x));
    trace.add("created");
    int r = await(t);
    trace.add("got " + r);
    return r + 1;
  }

  @Async
  static String staticJoin(Trace t, List<String> xs) {
    StringBuilder sb = new StringBuilder();
    for (String x : xs) {
      if (await(sleep(Duration.ofMillis(1), x)).isEmpty()) {
        throw new IllegalArgumentException("empty element after " + sb);
      }
      sb.append(x);
      t.add("joined " + sb);
    }
    return sb.toString();
  }

  /** A generic nested class: its companion is {@code AsyncCorpus_ShelfAsync}. */
  static final class Shelf<T> {
    final List<T> items;
    final Trace trace;

    Shelf(Trace trace, List<T> items) {
      this.trace = trace;
      this.items = items;
    }

    @Async
    T takeFirstMatching(Predicate<? super T> p) {
      for (T x : items) {
        trace.add("look " + await(sleep(Duration.ofMillis(1), x)));
        if (p.test(x)) {
          trace.add("take " + x);
          return x;
        }
      }
      throw new NoSuchElementException("no match among " + items.size());
    }
  }

  @Async
  int sumAll(String label, int... xs) {
    int total = 0;
    for (int x : xs) {
      total += await(io(x));
    }
    trace.add(label + " " + xs.length);
    return total;
  }

  /** Private fields, methods and static methods of the enclosing class, outside lambdas. */
  @Async
  String privateMembersDirect(int x) {
    int add = await(io(x));
    secret = secret + add;
    String r = tag(String.valueOf(twice(await(io(secret)))));
    trace.add(r);
    return r + await(io(peek()));
  }

  @Async
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
      acc.add(await(io(i)) * base);
    }
    return acc.total;
  }

  @Async
  int pickSource(int x) {
    int a = await(x % 2 == 0 ? io(x) : ready(x + 1));
    Awaitable<Integer> next = x > 0 ? soon(a * 2) : ready(-a);
    int b = await(next);
    trace.add("a " + a + " b " + b);
    return a + b;
  }

  /** Compound and simple assignments of awaited values to a private field. */
  @Async
  String privateFieldAssign(int x) {
    secret += await(io(x));
    trace.add("secret " + secret);
    secret = await(io(secret * 2));
    return "secret " + secret;
  }

  /** A method reference to a private method. */
  @Async
  int privateMethodRef(int x) {
    Supplier<Integer> s = this::peek;
    int v = await(io(x));
    trace.add("v " + v);
    return v + s.get();
  }

  @Async
  String describeObject(Object o) {
    if (o instanceof String s && !await(io(s)).isEmpty()) {
      return "string of " + s.length();
    }
    if (o instanceof Integer i) {
      return await(io(i)) > 0 ? "positive" : "non-positive";
    }
    if (o instanceof List<?> l) {
      int total = 0;
      for (Object e : l) {
        String d = describeObject(e);
        trace.add(d);
        total += await(io(d)).length();
      }
      return "list " + total;
    }
    throw new IllegalArgumentException("unsupported: " + await(io(o)));
  }

  @Async
  String privateMembers(int x) {
    int add = await(io(x));
    secret = secret + add;
    Supplier<Integer> s = () -> peek();
    String r = tag(String.valueOf(twice(await(io(secret)))));
    trace.add(r);
    return r + await(io(s.get()));
  }

  /** A class hierarchy: inherited fields and overridden methods, one of them a coroutine. */
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

    @Async
    String speak(int times) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < times; i++) {
        sb.append(await(sleep(Duration.ofMillis(1), sound())));
        fed++;
        trace.add("spoke " + i);
      }
      return sb.toString();
    }

    @Async
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
    @Async
    String speak(int times) {
      trace.add("dog speaks");
      String s = "";
      for (int i = 0; i < times; i++) {
        s += await(sleep(Duration.ofMillis(1), sound()));
      }
      return s.toUpperCase(Locale.ROOT);
    }
  }

  @Async
  String constantCaseLabels(int k) {
    final int limit = 3;
    String label = "k" + k;
    switch (await(io(k))) {
      case limit:
        label = await(io("limit"));
        break;
      case limit + 1:
        label = GREETING;
        break;
      default:
        trace.add("other " + await(io(k)));
    }
    return label;
  }

  @Async
  String thisReference(int x) {
    Object me = this;
    String who = whoIs(await(io(this)));
    Supplier<String> anon =
        new Supplier<String>() {
          @Override
          public String get() {
            AsyncCorpus.this.trace.add("anon " + x);
            return whoIs(this) + "/" + whoIs(AsyncCorpus.this);
          }
        };
    Supplier<String> lambda = () -> whoIs(this);
    await(io(x));
    return who + "," + (me == this) + "," + anon.get() + "," + lambda.get();
  }

  @Async
  String superCall(int x) {
    int h = super.hashCode();
    trace.add("x " + await(io(x)));
    return String.valueOf(h == System.identityHashCode(this));
  }

  /** An inner class whose coroutine uses the enclosing instance's fields. */
  final class Tally {
    int count;

    @Async
    String add(int k) {
      count += await(sleep(Duration.ofMillis(1), k));
      n += k;
      trace.add("tally " + count + " n " + n);
      return count + "/" + n;
    }
  }

  /** A record whose coroutine reads its own and another record's components. */
  record Point(int x, int y) {
    @Async
    int manhattan(Point other, Trace t) {
      int dx = Math.abs(x - await(sleep(Duration.ofMillis(1), other.x())));
      int dy = Math.abs(y - other.y);
      t.add("dx " + dx + " dy " + dy);
      return dx + dy;
    }
  }

  /** A pattern instanceof whose operand is an await. */
  @Async
  String patternOnAwait(Object o) {
    if (!(await(io(o)) instanceof String s)) {
      trace.add("not a string: " + o);
      return "?";
    }
    trace.add("string " + await(io(s)));
    return s.toUpperCase(Locale.ROOT) + s.length();
  }

  @Async
  String fieldPlusCall(int start) {
    n = start;
    int r = this.n + await(effect(this::bump));
    trace.add("r=" + r + " n=" + n);
    n = start;
    n += bumpSlowly();
    return r + "/" + n;
  }

  @Async
  String unboxBeforeRight(Integer boxed, boolean nullArray) {
    int[] arr = nullArray ? null : new int[] {7};
    int v = boxed + await(effect(() -> side(5)));
    int w = arr[0] + await(effect(() -> side(6)));
    return v + "," + w;
  }

  @Async
  double returnPromoted(boolean c) {
    trace.add("promoted " + c);
    return c ? 16777217 : await(io(1.5f));
  }

  @Async
  Object returnObjectPromoted(boolean c) {
    return c ? 1 : await(io(2.5));
  }

  @Async
  String assignPromoted(boolean c) {
    double d = c ? 16777217 : await(io(1.5f));
    Object o = c ? 1 : await(io(2.5));
    return d + "/" + o;
  }

  @Async
  Object returnObjectNumeric(boolean c) {
    return c ? 1 : 2.5 + await(io(0.0));
  }

  @Async
  long returnLongFromInt(boolean c) {
    return c ? await(io(3)) : 4L;
  }

  @Async
  Integer returnBoxedNull(boolean c) {
    return c ? null : await(io(5));
  }

  @Async
  String returnConditionalInTry(boolean c) {
    try {
      trace.add("try " + c);
      return c ? await(io("a")) : await(io("b")) + "!";
    } finally {
      trace.add("finally");
    }
  }

  @Async
  int returnArmWithLambda(boolean c, int k) {
    return c ? await(io(k)) : java.util.stream.Stream.of(k).map(v -> v + k).findFirst().get();
  }

  @Async
  String returnNestedConditional(int x) {
    return x < 0 ? "negative" : await(io(x)) == 0 ? "zero" : "positive " + await(io(x));
  }

  @Async
  long slowLong(long v) {
    await(io(0));
    trace.add("long " + v);
    return v;
  }

  @Async
  boolean slowFlag(boolean b) {
    await(io(0));
    trace.add("flag " + b);
    return b;
  }

  @Async
  char slowChar(char c) {
    await(io(0));
    trace.add("char " + c);
    return c;
  }

  @Async
  String slowText(String s) {
    await(io(0));
    trace.add("text " + s);
    return s;
  }

  @Async
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

  @Async
  @SuppressWarnings("lossy-conversions") // JDK 20+: narrow += int is the point of the test
  String compoundOnLocals(int k) {
    int sum = 1;
    sum += await(io(k));
    sum += sum * await(io(k));
    sum += (sum = 5) + await(io(k));
    sum -= sum++ - await(io(k));
    short narrow = 30000;
    narrow += await(io(k * 10000));
    String text = "t";
    text += text + await(io("!" + k));
    return sum + "|" + narrow + "|" + text;
  }

  static double doubled(double d) {
    return 2 * d;
  }

  static String typeAndValue(Object o) {
    return o.getClass().getSimpleName() + ":" + o;
  }

  @Async
  String conditionalArguments(boolean c) {
    String a = "" + doubled(c ? 16777217 : await(io(1.5f)));
    String b = typeAndValue(c ? 1 : await(io(2.5)));
    long l = 10L + (c ? await(io(3)) : 4L);
    String d = typeAndValue(c ? await(io(7)) : "text");
    return a + "|" + b + "|" + l + "|" + d;
  }

  @Async
  String tagOf(Color c) {
    await(io(0));
    return "color " + c;
  }

  static String tagOf(int v, String unit) {
    return v + unit;
  }

  @Async
  String staticAndInstanceOverloads(int k) {
    String a = tagOf(await(io(k)), "ms");
    String b = tagOf(Color.RED);
    return a + "|" + b + "|" + tagOf(k + 1, "s");
  }

  @Async
  @SuppressWarnings("lossy-conversions") // JDK 20+: narrow += int is the point of the test
  String conditionalContexts(boolean c, int k) {
    Object assigned = c ? await(io(1)) : 2.5;
    String argument = typeAndValue(c ? await(io(1)) : 2.5);
    double operand = (c ? await(io(1)) : 0) * 1.5;
    String concat = "" + (c ? await(io(1)) : 2.5) + (c ? await(io('x')) : 'y');
    Object cast = (Object) (c ? await(io(1)) : 2.5);
    double primitive = c ? await(io(1)) : 2.5;
    short narrow = c ? await(io((short) 3)) : 1;
    narrow += c ? await(io(1)) : 2;
    Object nested = c ? (k > 0 ? await(io('n')) : 7) : 2.5;
    long known = (c ? answer(k) : 2L) + 1;
    Object generic = c ? same(k) : await(io(2.5));
    Object switched = switch (k) {
      case 0 -> await(io(1));
      case 1 -> 'c';
      default -> 2.5;
    };
    double switchOperand = switch (k) {
      case 0 -> await(io(1));
      default -> 2.5;
    } * 2;
    String switchConcat = "" + switch (k) {
      case 0 -> await(io(1));
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

  static <T> T same(T value) {
    return value;
  }

  @Async
  long answer(int k) {
    return await(io(40 + k));
  }

  @Async
  Object conditionalReturned(boolean c) {
    return c ? await(io(1)) : 2.5;
  }

  @Async
  Object switchReturned(int k) {
    return switch (k) {
      case 0 -> await(io(1));
      default -> 2.5;
    };
  }

  @Async
  String boxedEquality(int a) {
    Integer big = 1000 + a;
    boolean sameObject = await(io(big)) == await(io(big));
    boolean distinct = await(io(Integer.valueOf(1000 + a))) == await(io(Integer.valueOf(1000 + a)));
    boolean byValue = await(io(big)) == 1000 + a;
    boolean mixed = 1000 + a != await(io(big));
    boolean direct = answer(a) == answer(a);
    return sameObject + "|" + distinct + "|" + byValue + "|" + mixed + "|" + direct;
  }

  @Async
  String compoundSelfChanging(int k) {
    int x = 5 + k;
    x += x++ * await(io(2)) + x;
    n = 3 + k;
    n -= n++ * await(io(3)) - n;
    cells[1] = 7;
    cells[1] *= ++cells[1] + await(io(k));
    String s = "a";
    s += (s = "b") + await(io("c")) + s;
    return x + "|" + n + "|" + cells[1] + "|" + s;
  }

  @Async
  String loopHeadersAndDeclarators(int[] xs, int min) {
    int i;
    int j;
    for (i = 0, j = xs.length; i < xs.length; i++, j--) {
      if (await(io(xs[i])) < 0) {
        break;
      }
    }
    int d[] = {i, j}, e[][] = {{min}};
    int[] f[] = {{await(io(d[0] + d[1]))}};
    return i + "|" + j + "|" + f[0][0] + "|" + e[0][0] + "|" + d.length;
  }

  @Async
  List<Integer> lambdaInReturn(List<Integer> xs, int min) {
    List<Integer> all = await(io(xs));
    return all.stream().filter(x -> x >= min).toList();
  }

  @Async
  String scopesAndSwitches(int k) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      int x = i * k;
      await(io(0));
      sb.append(x).append(',');
    }
    for (int i = 0; i < 2; i++) {
      String x = "s" + i;
      sb.append(await(io(x))).append(',');
    }
    String s;
    int n;
    switch (k) {
      case 0:
        s = "zero";
        n = await(io(0));
        break;
      case 1:
        s = await(io("one"));
        n = 1;
        break;
      default:
        s = "many";
        n = k;
    }
    final int m;
    switch (k) {
      case 0 -> m = await(io(10));
      default -> m = 20;
    }
    return sb + s + n + m;
  }
}
