package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import java.util.ArrayList;
import java.util.List;

/**
 * The method's own semantics: enum constant bodies, class initialization before a static {@code
 * @Async} method, and the user's {@code @SuppressWarnings} and {@code @SafeVarargs} (this module
 * compiles with {@code -Xlint:all -Werror}, so a warning in a companion fails the build).
 */
public final class Semantics {
  /** What ran, in order: class initializers and method bodies. */
  public static final List<String> EVENTS = new ArrayList<>();

  private Semantics() {}

  /** Constants that override {@code describe} with {@code @Async}, plainly, or not at all. */
  public enum Shape {
    PLAIN,
    SQUARE {
      @Override
      @Async
      String describe(int n) {
        String kind = await(v("square"));
        return kind + ":" + area(n) + ":" + name() + ":" + (this == SQUARE) + ":" + label();
      }
    },
    CIRCLE {
      @Override
      String describe(int n) {
        return "circle:" + n;
      }
    },
    OTHER {
      @Override
      String label() {
        return "other-label";
      }
    },
    TWICE {
      /** Calls the enum's {@code @Async} methods, which dispatch again by constant. */
      @Override
      @Async
      String describe(int n) {
        return await(v("twice")) + "[" + SQUARE.describe(n) + "|" + PLAIN.describe(n + 1) + "]";
      }
    };

    int area(int n) {
      return n * n;
    }

    String label() {
      return "label";
    }

    @Async
    String describe(int n) {
      return await(v("shape")) + ":" + n + ":" + label();
    }

    /** A direct call through the enum type dispatches to each constant's own body. */
    @Async
    static String all(int n) {
      StringBuilder sb = new StringBuilder();
      for (Shape s : values()) {
        sb.append(s.describe(n)).append(';');
      }
      return sb.toString();
    }
  }

  /** Its initializer must have run when the body of {@link #start} runs (JLS 12.4.1). */
  static final class Registry {
    static int hits;

    static {
      EVENTS.add("Registry initialized");
    }

    private Registry() {}

    @Async
    static int start() {
      EVENTS.add("start");
      await(v(0));
      return ++hits;
    }
  }

  /** Its initializer fails: the first entry-point call reports it, as the first call would. */
  static final class Broken {
    static final int VALUE = Integer.parseInt(System.getProperty("asyncio4j.it.none", "x"));

    private Broken() {}

    @Async
    static int value() {
      return await(v(VALUE));
    }
  }

  @Deprecated
  static int legacy(int x) {
    return x;
  }

  /** Each warning of the body is one the user suppressed; none may surface in the companion. */
  @SuppressWarnings({"deprecation", "rawtypes", "unchecked", "static"})
  @Async
  static int suppressed(Semantics self, List raw) {
    List copy = new ArrayList(raw);
    copy.add(await(v(legacy(1))));
    return copy.size() + self.EVENTS.size() * 0;
  }

  /** Suppressed by the class around the method, as javac applies it. */
  @SuppressWarnings("rawtypes")
  static final class RawHolder {
    private RawHolder() {}

    @Async
    static int size(List raw) {
      return await(v(raw.size()));
    }
  }

  /** Inside a deprecated class, uses of deprecated members do not warn. */
  @Deprecated
  static final class Old {
    private Old() {}

    @Async
    static int use() {
      return legacy(await(v(7)));
    }
  }

  /** Callers of the entry point get no "unchecked generic array creation". */
  @SafeVarargs
  @Async
  static <T> List<T> collect(T... xs) {
    List<T> out = new ArrayList<>();
    for (T x : xs) {
      out.add(await(v(x)));
    }
    return out;
  }
}
