package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.fail;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import io.asyncio4j.CancelledException;
import java.io.IOException;
import java.util.List;

/** Awaits inside every statement form; each method returns a trace of what ran. */
public class ControlFlow {
  enum Color {
    RED,
    GREEN,
    BLUE
  }

  @Async
  static String ifElse(int n) {
    StringBuilder sb = new StringBuilder();
    if (await(v(n)) > 0) {
      sb.append("pos");
      sb.append(await(v(n)));
    } else if (n == 0) {
      sb.append("zero");
    } else {
      sb.append("neg").append(await(v(-n)));
    }
    return sb.toString();
  }

  @Async
  static String loops(int n) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < n) {
      sb.append("w").append(await(v(i)));
      i++;
    }
    do {
      sb.append("d").append(i);
      i = await(v(i - 1));
    } while (i > 0);
    for (int j = 0, k = 10; j < n; j++, k--) {
      sb.append("f").append(j).append(k);
      await(v(j));
    }
    for (int j = await(v(0)); j < await(v(n)); j += await(v(1))) {
      sb.append("g").append(j);
    }
    return sb.toString();
  }

  @Async
  static String forEach(List<String> items, int[] numbers, String[] words) {
    StringBuilder sb = new StringBuilder();
    for (String s : items) {
      sb.append(await(v(s)));
    }
    for (int x : numbers) {
      sb.append(x * await(v(2)));
    }
    for (var w : words) {
      sb.append(await(v(w.length())));
    }
    return sb.toString();
  }

  @Async
  static String labelled() {
    StringBuilder sb = new StringBuilder();
    outer:
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        if (j == 2) {
          continue outer;
        }
        if (i == 3) {
          break outer;
        }
        sb.append(await(v(i))).append(j).append(' ');
      }
    }
    block:
    {
      sb.append("in");
      if (await(v(true))) {
        break block;
      }
      sb.append("never");
    }
    int k = 0;
    while (true) {
      k++;
      if (k == 2) {
        continue;
      }
      if (await(v(k)) > 3) {
        break;
      }
      sb.append('k').append(k);
    }
    return sb.toString();
  }

  @Async
  @SuppressWarnings("fallthrough")
  static String switches(int n, String s, Color c) {
    StringBuilder sb = new StringBuilder();
    switch (await(v(n))) {
      case 1:
        sb.append("one");
      case 2:
        sb.append("two");
        break;
      case 3:
        sb.append("three");
        await(v(0));
        return sb.toString();
      default:
        sb.append("many");
    }
    switch (s) {
      case "a" -> sb.append(await(v("A")));
      case "b", "c" -> {
        sb.append("bc");
        sb.append(await(v("!")));
      }
      default -> sb.append('?');
    }
    switch (c) {
      case RED:
        sb.append(await(v("r")));
        break;
      case GREEN:
      case BLUE:
        sb.append("gb");
    }
    int code =
        switch (await(v(c))) {
          case RED -> 1;
          case GREEN -> await(v(2));
          case BLUE -> {
            int t = await(v(3));
            yield t * 10;
          }
        };
    String word =
        switch (n) {
          case 1:
            yield "x";
          default:
            {
              String t = await(v("y"));
              yield t + t;
            }
        };
    return sb.append(code).append(word).toString();
  }

  @Async
  static String tryCatchFinally(int mode) throws IOException {
    StringBuilder sb = new StringBuilder();
    try {
      sb.append("t");
      if (mode == 1) {
        await(fail(new IOException("io")));
      } else if (mode == 2) {
        await(fail(new IllegalArgumentException("iae")));
      } else if (mode == 3) {
        await(fail(new UnsupportedOperationException("uoe")));
      } else if (mode == 4) {
        throw new IOException("direct");
      }
      sb.append(await(v("ok")));
    } catch (IOException e) {
      sb.append("catch-io:").append(e.getMessage());
      sb.append(await(v("+")));
    } catch (CancelledException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      sb.append("catch-multi:").append(await(v(e.getMessage())));
    } finally {
      sb.append(" finally");
      sb.append(await(v("!")));
    }
    return sb.toString();
  }

  @Async
  static String finallyOnReturnAndRethrow(boolean raise) throws IOException {
    StringBuilder sb = new StringBuilder();
    try {
      try {
        sb.append(await(v("a")));
        if (raise) {
          throw new IOException("x");
        }
        return sb.append("-ret").toString();
      } finally {
        sb.append(await(v("-f1")));
      }
    } catch (IOException e) {
      return sb.append("-caught-").append(e.getMessage()).toString();
    } finally {
      sb.append("-f2");
    }
  }

  /** COMPILER-NOTES pitfall 7: a break through two finally blocks runs both. */
  @Async
  static List<String> exitThroughTwoFinallys() {
    List<String> log = new java.util.ArrayList<>();
    out:
    for (; ; ) {
      try {
        try {
          log.add(await(v("y1")));
          break out;
        } finally {
          log.add("f1");
        }
      } finally {
        log.add(await(v("f2")));
      }
    }
    log.add("after");
    return log;
  }

  /** The exception thrown in a finally replaces the pending one; a later catch sees it. */
  @Async
  @SuppressWarnings("finally")
  static String finallyThrowReplaces() {
    try {
      try {
        await(fail(new IllegalStateException("first")));
      } finally {
        await(v(0));
        throw new IllegalArgumentException("second");
      }
    } catch (CancelledException e) {
      throw e;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  static final class Res implements AutoCloseable {
    final String name;
    final List<String> log;
    final boolean failClose;

    Res(String name, List<String> log, boolean failClose) {
      this.name = name;
      this.log = log;
      this.failClose = failClose;
      log.add("open " + name);
    }

    @Override
    public void close() {
      log.add("close " + name);
      if (failClose) {
        throw new IllegalStateException("close " + name);
      }
    }
  }

  @Async
  @SuppressWarnings("try")
  static List<String> resources(boolean failBody, boolean failClose) {
    List<String> log = new java.util.ArrayList<>();
    try (Res a = new Res("a", log, false);
        Res none = null;
        Res b = new Res(await(v("b")), log, failClose)) {
      log.add("body " + (none == null));
      await(v(0));
      if (failBody) {
        throw new IllegalArgumentException("body");
      }
    } catch (CancelledException e) {
      throw e;
    } catch (RuntimeException e) {
      log.add("caught " + e.getMessage() + " suppressed " + e.getSuppressed().length);
    } finally {
      log.add("finally");
    }
    return log;
  }

  /** A final local with a constant initializer stays a constant: it can label a case. */
  @Async
  static String constantCaseLabels(int n) {
    final int limit = 3;
    final String greeting = "hi" + limit;
    String out = await(v(""));
    switch (await(v(n))) {
      case limit:
        out += "limit";
        break;
      case limit + 1:
        out += "limit+1";
        break;
      default:
        out += greeting;
    }
    java.util.function.IntSupplier s = () -> limit * 2;
    return out + s.getAsInt();
  }

  /** A qualified this inside an anonymous class body means the receiver. */
  @Async
  String qualifiedThis() {
    String name = await(v("q"));
    Object o =
        new Object() {
          @Override
          public String toString() {
            return name + (ControlFlow.this == null ? "null" : "self");
          }
        };
    return o.toString() + await(v("!"));
  }

  /** assert with awaits in the condition and the detail. */
  @Async
  static String asserts(int n) {
    assert await(v(n)) > 0 : "not positive: " + await(v(n));
    return "ok" + n;
  }
}
