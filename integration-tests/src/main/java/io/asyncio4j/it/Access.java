package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import io.asyncio4j.it.base.BaseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * Members the companion, another top-level class, cannot use directly: private members reached
 * through other receivers, type names, method references, lambdas and anonymous classes; private
 * constructors and constants; protected members inherited from another package.
 */
public final class Access extends BaseHandler {
  private static final int OK = 200;
  private static final String GET = "GET";
  private static final long BIG = -5L;
  private static final char SEP = '/';
  private static int total = 100;
  private int count = 1;
  private final String name;

  private Access(String name) {
    this.name = name;
  }

  /** For tests: a fresh instance. */
  public static Access of(String name) {
    return new Access(name);
  }

  private String label(String s) {
    return s + count;
  }

  private static int twice(int x) {
    return 2 * x;
  }

  /** The static-factory idiom: the private constructor, constants through the class name. */
  @Async
  public static Access load(long id) {
    String n = await(v("user" + id));
    if (n.length() > Access.OK / 50) {
      n = n.substring(0, OK / 50);
    }
    return new Access(n + SEP + BIG);
  }

  /** Private constants as case labels of switch statements and expressions. */
  @Async
  static String describe(int code, String method) {
    int c = await(v(code));
    String kind = switch (c) {
      case OK -> "ok";
      default -> "other";
    };
    switch (await(v(method))) {
      case GET:
        kind += " read";
        break;
      default:
        kind += " write";
    }
    return kind;
  }

  /** Private members of another instance, of the class, in lambdas and anonymous classes. */
  @Async
  String forms(Access other) {
    other.count += await(v(3));
    Access o = other;
    String t = o.label("t");
    Access.total += count;
    IntUnaryOperator f = Access::twice;
    BiFunction<Access, String, String> g = Access::label;
    Function<String, Access> make = Access::new;
    Runnable inc = () -> count++;
    IntSupplier next = () -> ++count;
    Supplier<String> s = new Supplier<>() {
      @Override
      public String get() {
        return "c" + count + name;
      }
    };
    inc.run();
    int n = next.getAsInt();
    o.count = await(v(10)) + other.count;
    other.count++;
    Access back = await(v(other));
    return t + " " + f.applyAsInt(total) + " " + g.apply(other, "g") + " " + make.apply("m").name
        + " " + s.get() + " " + n + " " + o.label(await(v("a"))) + " " + back.count;
  }

  /** Protected members inherited from a superclass in another package. */
  @Async
  String inherited(String req) {
    String body = await(v(req));
    retries--;
    List<String> out = new ArrayList<>();
    out.add(format(body) + retries + tag() + origin);
    retries += await(v(5));
    out.add(this.format(await(v("b"))) + this.retries + BaseHandler.tag());
    return String.join(" ", out);
  }

  /** For tests. */
  public int count() {
    return count;
  }

  /** For tests. */
  public String name() {
    return name;
  }

  /** For tests. */
  public static int total() {
    return total;
  }
}
