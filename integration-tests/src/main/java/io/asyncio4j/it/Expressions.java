package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Awaits nested inside expressions: JLS evaluation order, short circuits, assignments. */
public class Expressions {
  final List<String> log = new ArrayList<>();
  int n;
  int[] arr = {10, 20, 30};
  Holder holder = new Holder();

  static final class Holder {
    int value;
    String text = "";
  }

  int note(String what, int value) {
    log.add(what);
    return value;
  }

  String noteS(String what) {
    log.add(what);
    return what;
  }

  /** Operands left of an await are evaluated, once, before it (pitfall 1). */
  @Async
  int leftOperandReadBeforeAwait() {
    n = 1;
    int r = n + await(bumpLater());
    return r;
  }

  io.asyncio4j.Awaitable<Integer> bumpLater() {
    n = 10;
    return v(5);
  }

  @Async
  String callArgumentsInOrder() {
    return join(noteS("a"), await(v("b")), noteS("c"), await(v("d")));
  }

  static String join(String... parts) {
    return String.join("", parts);
  }

  @Async
  String receiverThenArguments() {
    return receiver(noteS("recv")).concat(await(v("!")));
  }

  String receiver(String s) {
    return s;
  }

  @Async
  boolean shortCircuits(String c) {
    boolean a = c == null || await(v(c.isEmpty()));
    boolean b = c != null && await(v(c.length() > 2));
    log.add(a + " " + b);
    return a && await(v(true)) || await(v(false));
  }

  @Async
  String conditional(int x) {
    String s = x > 0 ? await(v("pos")) : x == 0 ? "zero" : await(v("neg"));
    int y = await(v(x)) > 0 ? 1 : 2;
    return s + y;
  }

  /** Compound assignment reads the variable before the right-hand side (pitfall 2). */
  @Async
  String compound(int i) {
    arr[note("index", i)] += await(v(note("rhs", 5)));
    holder.value = 7;
    holder.value += await(changeHolderLater());
    n = 3;
    n *= await(v(4));
    int local = 2;
    local <<= await(v(3));
    holder.text += await(v("x"));
    holder.text += "y" + await(v("z"));
    return arr[i] + " " + holder.value + " " + n + " " + local + " " + holder.text;
  }

  io.asyncio4j.Awaitable<Integer> changeHolderLater() {
    holder.value = 1000;
    return v(1);
  }

  /** Assignment targets are evaluated before the right-hand side (pitfall 3). */
  @Async
  String assignmentTargets() {
    int k = 0;
    int[] a = new int[3];
    a[k++] = await(v(k));
    a[k++] = await(v(k));
    Holder h = holder;
    Holder first = h;
    h.value = await(v(5)) + swap();
    return a[0] + "," + a[1] + "," + k + " " + first.value + " " + (holder == first);
  }

  int swap() {
    holder = new Holder();
    return 0;
  }

  @Async
  String incrementsAndUnary() {
    int[] a = {1, 2};
    a[await(v(0))]++;
    ++a[await(v(1))];
    int x = -await(v(3));
    boolean not = !await(v(false));
    long shifted = ~await(v(0L));
    return a[0] + " " + a[1] + " " + x + " " + not + " " + shifted;
  }

  @Async
  String misc(Object o) {
    String s = "len=" + await(v("abc")).length() + ";" + await(v('c')) + ";" + await(v(2.5));
    Object cast = (Object) await(v("str"));
    boolean isString = await(v(o)) instanceof String;
    int[] made = new int[await(v(2))];
    int[] init = {1, await(v(2)), 3};
    String chained = await(v(" pad ")).trim().toUpperCase();
    List<String> created = new ArrayList<>(List.of(await(v("e"))));
    int idx = arr[await(v(2))];
    return s + " " + cast + " " + isString + " " + made.length + " " + init[1] + " " + chained
        + " " + created + " " + idx;
  }

  @Async
  boolean equalityOfAwaitedInts() {
    return 1000 + await(v(0)) == await(v(1000));
  }

  /** Lambdas capture the value a hoisted local had at the capture point (pitfall 9). */
  @Async
  List<Integer> lambdaCaptures() {
    List<Supplier<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int k = i;
      await(v(0));
      tasks.add(() -> k);
      tasks.add(new Supplier<Integer>() {
        @Override
        public Integer get() {
          return k * 10;
        }
      });
    }
    List<Integer> out = new ArrayList<>();
    tasks.forEach(t -> out.add(t.get()));
    return out;
  }

  /** A local class without await inside an @Async body. */
  @Async
  String localClassesAndRecords() {
    record Pair(String a, int b) {}
    class Greeter {
      String greet(String who) {
        return "hi " + who;
      }
    }
    String who = await(v("bob"));
    Pair p = new Pair(who, await(v(3)));
    var g = new Greeter();
    List<Supplier<String>> later = new ArrayList<>();
    later.add(() -> g.greet(p.a()));
    Greeter[] all = {g};
    return later.get(0).get() + await(v(p.b())) + all.length;
  }
}
