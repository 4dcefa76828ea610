package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Members, generics, direct @Async calls and the kinds of classes @Async methods live in. */
public class Members extends Base {
  static int counter;
  final String name;
  final List<String> log = new ArrayList<>();

  public Members(String name) {
    this.name = name;
  }

  String tag(String s) {
    return name + ":" + s;
  }

  static String shout(String s) {
    return s.toUpperCase();
  }

  @Async
  String page(String url) {
    log.add("page " + url);
    String body = await(v("<" + url + ">"));
    return body;
  }

  /** A direct call of an @Async method is an inline await of its coroutine. */
  @Async
  int totalLength(List<String> urls) {
    int total = 0;
    for (String u : urls) {
      total += page(u).length();
    }
    int n = page("x").length();
    return total + n + this.page("yz").length();
  }

  @Async
  String callsOnOtherObjects(Members other) {
    String a = other.page("o");
    String b = MembersAsyncHelper.twice("s");
    return a + b + Members.staticAsync(2);
  }

  @Async
  static int staticAsync(int x) {
    counter++;
    return await(v(x)) * 10;
  }

  /** Fields and methods of the class, its superclass, static members, `this`. */
  @Async
  String memberAccess() {
    counter = 0;
    String s = tag(await(v("a")));
    s += shout(await(v("b")));
    s += baseField + super.baseMethod(await(v(1)));
    counter += await(v(5));
    Members self = this;
    return s + counter + (self == this) + this.name;
  }

  @Override
  String baseMethod(int x) {
    return "overridden" + x;
  }

  /** super calls reach the superclass implementation, not the override. */
  @Async
  String superCalls() {
    String mine = baseMethod(await(v(1)));
    String theirs = super.baseMethod(await(v(2)));
    return mine + " " + theirs + " " + super.toString().startsWith("io.asyncio4j.it.Members@");
  }

  /** Overloads stay overloads. */
  @Async
  String over(int x) {
    return "int" + await(v(x));
  }

  @Async
  String over(String x) {
    return "string" + await(v(x));
  }

  @Async
  <K, W extends Comparable<W>> W maxValue(Map<K, W> map) {
    W best = null;
    for (W w : map.values()) {
      W current = await(v(w));
      if (best == null || current.compareTo(best) > 0) {
        best = current;
      }
    }
    return best;
  }

  /** A generic class. */
  public static class Box<T> {
    T value;

    public Box(T value) {
      this.value = value;
    }

    @Async
    public T get() {
      return await(v(value));
    }

    @Async
    public <R> List<R> pair(R other) {
      List<R> out = new ArrayList<>();
      out.add(other);
      out.add(await(v(other)));
      return out;
    }
  }

  /** An inner (non-static) class. */
  public class Inner {
    int k = 3;

    @Async
    public String where() {
      return await(v("inner")) + k;
    }

    /** Members of the enclosing instance: fields, methods, and a static one. */
    @Async
    public String outerMembers() {
      String t = tag(await(v("x")));
      log.add("from inner");
      return t + name + k + shout(await(v("y"))) + Members.this.name;
    }
  }

  /** An abstract class with a concrete @Async method. */
  public abstract static class Shape {
    abstract int sides();

    @Async
    public String describe() {
      return await(v("sides=")) + sides();
    }
  }

  /** An interface with @Async default and static methods. */
  public interface Greeter {
    String name();

    @Async
    default String greet() {
      return await(v("hello ")) + name();
    }

    @Async
    static String hi() {
      return await(v("hi"));
    }
  }

  /** An enum. */
  public enum Op {
    ADD {
      @Override
      int apply(int a, int b) {
        return a + b;
      }
    },
    MUL {
      @Override
      int apply(int a, int b) {
        return a * b;
      }
    };

    abstract int apply(int a, int b);

    @Async
    public int applyLater(int a, int b) {
      return apply(await(v(a)), await(v(b)));
    }
  }

  /** A record. */
  public record Point(int x, int y) {
    @Async
    public int sum() {
      return x + await(v(y)) + x();
    }

    /** Private components of another instance of the same record. */
    @Async
    public int manhattan(Point other) {
      int dx = Math.abs(x - await(v(other.x())));
      Point same = other;
      int dy = Math.abs(y - other.y) + same.y * 0;
      return dx + dy;
    }
  }

  /** Declared checked exceptions pass through unchanged. */
  @Async
  void mayThrow(boolean raise) throws java.io.IOException {
    await(v(0));
    if (raise) {
      throw new java.io.FileNotFoundException("nope");
    }
  }
}

class Base {
  String baseField = "bf";

  String baseMethod(int x) {
    return "bm" + x;
  }
}

class MembersAsyncHelper {
  @Async
  static String twice(String s) {
    String once = await(v(s));
    return once + once;
  }
}
