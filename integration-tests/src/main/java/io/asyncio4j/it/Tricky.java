package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import java.util.ArrayList;
import java.util.List;

/** Constructs that once miscompiled: inner-class creation, local-class resources, receivers. */
public class Tricky {
  final String name;
  final List<String> log = new ArrayList<>();
  Tricky next;

  public Tricky(String name) {
    this.name = name;
  }

  /** An inner class: creating it needs the enclosing instance. */
  class R {
    final String s;

    R(String s) {
      this.s = s;
    }

    String show() {
      return name + s;
    }
  }

  /** A generic inner class. */
  class G<X> {
    final X x;

    G(X x) {
      this.x = x;
    }
  }

  /** Inner classes created plainly, qualified, anonymously and with an awaited argument. */
  @Async
  String innerClasses() {
    R a = new R(await(v("a")));
    R b = new R("b");
    R c = new Tricky.R("c");
    R d =
        new R("d") {
          @Override
          String show() {
            return "anon" + s;
          }
        };
    G<String> g = new G<>(await(v("g")));
    return a.show() + b.show() + c.show() + d.show() + g.x + new R(await(v("e"))).show();
  }

  /** A try-with-resources whose resources are of a class declared in the body. */
  @Async
  String localClassResources(boolean fail) throws Exception {
    class Res implements AutoCloseable {
      final String n;

      Res(String n) {
        this.n = n;
      }

      @Override
      public void close() {
        log.add("close " + n);
        if (fail) {
          throw new IllegalStateException("close " + n);
        }
      }
    }
    try (Res a = new Res("a");
        Res b = null;
        Res c = new Res("c")) {
      log.add("body " + a.n + (b == null) + c.n);
      await(v(1));
      if (fail) {
        throw new IllegalArgumentException("body");
      }
    }
    return String.join(",", log);
  }

  Tricky getX() {
    return next;
  }

  static Tricky make(String name) {
    return new Tricky(name);
  }

  @Async
  String page(String u) {
    log.add("page " + u);
    return name + ":" + await(v(u));
  }

  /** Direct @Async calls through receivers that are not plain names. */
  @Async
  String complexReceivers(List<Tricky> list) {
    Tricky[] arr = {next, this};
    int i = 1;
    String a = getX().page("1");
    String b = this.getX().page("2");
    String c = arr[i].page("3");
    String d = this.next.page("4");
    String e = (next).page("5");
    String f = list.get(0).page("6");
    String g = Tricky.make("m").page("7");
    String h = new Tricky("n").page("8");
    var k = next;
    String j = k.getX() == null ? k.page("9") : "";
    return a + b + c + d + e + f + g + h + j;
  }

  /** Returned, yielded and conditional values take the declared type, not the arm's own. */
  @Async
  long widening(int k) {
    if (await(v(k)) == 0) {
      return 0;
    }
    if (k < 0) {
      return await(v(k));
    }
    long w =
        switch (await(v(k))) {
          case 1 -> 1;
          case 2 -> await(v(2));
          default -> 3L * k;
        };
    double d = k > 5 ? await(v(k)) : 0.5;
    log.add("w " + w + " d " + d);
    return w;
  }

  @Async
  double halfOf(int k) {
    return await(v(k)) / 2;
  }

  static String pick(int index, Object value) {
    return "int " + index + " " + value;
  }

  static String pick(Object index, Object value) {
    return "Object " + index + " " + value;
  }

  int counter = 1;

  int idx() {
    return counter++;
  }

  @Async
  int asyncIndex() {
    return await(v(0));
  }

  /**
   * Primitive arguments spilled before an await (or produced by an inline await) keep their
   * primitive type, so overloads resolve as in the source.
   */
  @Async
  String primitiveArguments() {
    List<Integer> list = new ArrayList<>(List.of(10, 20, 30, 40));
    int i = 0;
    Integer boxed = 2;
    String a = pick(idx(), await(v("a")));
    String b = pick(i++, await(v("b")));
    String c = pick(boxed, await(v("c")));
    String d = pick(counter + 1, await(v("d")));
    String e = pick((int) 'e', await(v("e")));
    String f = pick(asyncIndex(), "f");
    list.remove(asyncIndex());
    Integer removed = list.remove(idx() + 0 * await(v(0)));
    return String.join(",", a, b, c, d, e, f) + " " + list + " " + removed + " " + i;
  }

  /**
   * Local classes capture values as Java's do: a local declared afresh in each iteration gives
   * each instance its own value, and a local that never crosses an await is still visible.
   */
  @Async
  String localClassCaptures() {
    String prefix = "p";
    List<java.util.function.Supplier<String>> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int k = i;
      await(v(k));
      class L implements java.util.function.Supplier<String> {
        @Override
        public String get() {
          return prefix + k + name;
        }
      }
      out.add(new L());
    }
    StringBuilder sb = new StringBuilder();
    for (java.util.function.Supplier<String> s : out) {
      sb.append(s.get()).append(' ');
    }
    return sb.toString().trim();
  }

  int total;

  @Async
  int bump() {
    await(v(0));
    total = 100;
    return 5;
  }

  /** A compound assignment reads the field's old value before the awaiting right side runs. */
  @Async
  int compoundOnField() {
    total = 1;
    total += bump();
    return total;
  }

  static String shout(String s) {
    return s.toUpperCase(java.util.Locale.ROOT);
  }

  /** A parameter named like the package's first name does not obscure generated names. */
  @Async
  String obscuringNames(String io) {
    String it = await(v("a"));
    it += shout(await(v(io)));
    assert await(v(true)) : "never";
    return it + page("p");
  }

  String side(String s) {
    log.add(s);
    return s;
  }

  /** A boxed left operand is unboxed, and fails if null, before the awaiting right side runs. */
  @Async
  String unboxesLeftFirst(Integer boxed, String text) {
    String concat = text + await(v(side("concat")));
    int sum = boxed + await(v(Integer.parseInt(side("1"))));
    return concat + sum;
  }

  /** Direct @Async calls on receivers whose type is a type variable with an @Async bound. */
  @Async
  <F extends Tricky> String viaTypeVariable(F f, List<F> fs) {
    String a = f.page("a");
    return a + fs.get(0).page("b");
  }

  /** A direct call of an overridable @Async method dispatches on the receiver's class. */
  public static class Animal {
    public final List<String> log = new ArrayList<>();

    String sound() {
      return "...";
    }

    @Async
    String speak(int times) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < times; i++) {
        sb.append(await(v(sound())));
      }
      log.add("animal speaks");
      return sb.toString();
    }

    @Async
    public String chorus(int times) {
      return "chorus:" + speak(times);
    }

    /** Parameters named like the dispatch code's own locals. */
    @Async
    String names(String override, String failure) {
      return override + failure + await(v("!"));
    }
  }

  /** Overrides speak with an @Async method. */
  public static final class Dog extends Animal {
    @Override
    @Async
    String speak(int times) {
      log.add("dog speaks");
      return await(v("WOOF")).repeat(times);
    }
  }

  /** Overrides speak with a plain method. */
  public static class Cat extends Animal {
    @Override
    String speak(int times) {
      log.add("cat speaks");
      return "meow".repeat(times);
    }
  }

  /** Inherits Cat's plain override. */
  public static class Kitten extends Cat {}

  /** A generic class whose inner classes the body creates and keeps across awaits. */
  public static class Holder<T> {
    final T tag;

    public Holder(T tag) {
      this.tag = tag;
    }

    class Item {
      final String s;

      Item(String s) {
        this.s = s;
      }

      String show() {
        return tag + s;
      }
    }

    /** An inner class of the inner class. */
    public class Part {
      class Piece {
        String show() {
          return "piece" + tag;
        }
      }

      @Async
      public String make() {
        Item a = new Item(await(v("a")));
        Piece p = new Piece();
        await(v(0));
        return a.show() + p.show() + Holder.this.new Item("o").show();
      }
    }

    @Async
    public String items() {
      Item a = this.new Item(await(v("a")));
      Holder<T>.Item b = new Holder<T>.Item("b");
      Item c = new Item("c");
      return a.show() + b.show() + c.show() + await(v("!"));
    }
  }
}
