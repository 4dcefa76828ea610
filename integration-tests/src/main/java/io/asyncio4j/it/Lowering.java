package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Statements and expressions the lowerer rewrites around awaits: loop headers, declarators,
 * captures, the typing of {@code ?:} and switch expressions, {@code ==}, compound assignments,
 * scopes and definite assignment.
 */
public class Lowering {
  int field;
  int[] cells = {0, 7, 0};

  static <T> T id(T value) {
    return value;
  }

  static String typeAndValue(Object o) {
    return o.getClass().getSimpleName() + ":" + o;
  }

  /** A for loop whose init assigns existing variables. */
  @Async
  static String forInitAssignment(int[] xs) {
    int i;
    int j;
    for (i = 0, j = 10; i < xs.length; i++, j--) {
      if (await(v(xs[i])) < 0) {
        break;
      }
    }
    return i + "," + j;
  }

  /** C-style array declarators on a parameter and on hoisted and plain locals. */
  @Async
  static String cStyleArrays(int xs[]) {
    int d[] = {1, 2};
    int a = 3, e[] = {4, 5}, f[][] = {{6}};
    int[] g[] = {{7, 8}};
    int s = await(v(9));
    int plain[] = {s};
    return s + d[1] + xs[0] + a + e[1] + f[0][0] + g[0][1] + "," + plain.length;
  }

  /** Lambdas in a return and in a yield capture hoisted locals and parameters by value. */
  @Async
  static List<Integer> lambdaInReturn(int min, List<Integer> xs) {
    List<Integer> all = await(v(xs));
    return all.stream().filter(x -> x >= min).toList();
  }

  @Async
  static int lambdaInYield(int k) {
    int base = await(v(100));
    Supplier<Integer> s = switch (k) {
      case 0 -> {
        await(v(0));
        yield () -> base + k;
      }
      default -> () -> base - k;
    };
    return s.get();
  }

  /** An awaited Integer assigned to wider primitives: unboxed, then widened. */
  @Async
  static String widenedAwaits() {
    long l = await(v(1));
    double d;
    d = await(v(2));
    float f = switch (l > 0 ? 1 : 0) {
      case 1 -> await(v('a'));
      default -> 0;
    };
    await(v(0));
    return l + " " + d + " " + f;
  }

  /** A ?: with an await arm keeps the source's typing in every context. */
  @Async
  static String conditionalContexts(boolean c) {
    List<Object> list = new ArrayList<>();
    list.add(c ? await(v(1)) : 2.5);
    Object assigned = c ? await(v(1)) : 2.5;
    double operand = (c ? await(v(1)) : 0) * 1.5;
    String concat = "" + (c ? await(v(1)) : 2.5);
    Object cast = (Object) (c ? await(v('x')) : 1);
    double primitive = c ? await(v(1)) : 2.5;
    short narrow = c ? await(v((short) 3)) : 1;
    Object nested = c ? (narrow > 0 ? await(v('n')) : 7) : 2.5;
    Object generic = c ? id(2) : await(v(2.5));
    return typeAndValue(list.get(0)) + " " + typeAndValue(assigned) + " " + operand + " " + concat
        + " " + typeAndValue(cast) + " " + primitive + " " + narrow + " " + typeAndValue(nested)
        + " " + typeAndValue(generic);
  }

  @Async
  static Object conditionalReturned(boolean c) {
    return c ? await(v(1)) : 2.5;
  }

  /** A returned call whose one argument is a ?: with an await arm (not a return cast). */
  @Async
  static String returnedCallOfConditional(boolean c) {
    return typeAndValue(c ? await(v(1)) : 2.5);
  }

  /** A switch expression with an await in an arm: poly in assignment context, else promoted. */
  @Async
  static String switchContexts(int k) {
    Object assigned = switch (k) {
      case 0 -> await(v(1));
      case 1 -> 'c';
      default -> 2.5;
    };
    double operand = switch (k) {
      case 0 -> await(v(1));
      default -> 2.5;
    } * 2;
    String concat = "" + switch (k) {
      case 0 -> await(v(1));
      case 1 -> {
        int t = k * 10;
        yield t;
      }
      default -> 'd';
    };
    return typeAndValue(assigned) + " " + operand + " " + concat;
  }

  /** == of two awaited Integers compares references; with a primitive side, values. */
  @Async
  static String boxedIdentity(Integer a, Integer b) {
    boolean refs = await(v(a)) == await(v(b));
    boolean self = await(v(a)) == await(v(a));
    boolean value = await(v(a)) == b.intValue();
    boolean notEqual = await(v(a)) != await(v(b));
    return refs + " " + self + " " + value + " " + notEqual;
  }

  /** Compound assignments whose right side changes the variable (JLS 15.26.2). */
  @Async
  @SuppressWarnings("lossy-conversions") // JDK 20+: narrowing += is the point of the test
  String compoundSelfChanging() {
    int x = 5;
    x += x++ * await(v(2)) + x;
    field = 3;
    field -= field++ * await(v(3)) - field;
    cells[1] *= ++cells[1] + await(v(1));
    byte b = 100;
    b += (b = 1) + await(v(100));
    String s = "a";
    s += (s = "b") + await(v("c")) + s;
    return x + " " + field + " " + cells[1] + " " + b + " " + s;
  }

  /** Locals of the same name (and different types) in sibling scopes, some across awaits. */
  @Async
  static String siblingScopes(int k) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      int x = i * 10;
      await(v(0));
      sb.append(x).append(' ');
    }
    for (int i = 0; i < 2; i++) {
      String x = "s" + i;
      sb.append(await(v(x))).append(' ');
    }
    {
      long y = k;
      await(v(0));
      sb.append(y).append(' ');
    }
    {
      String y = "y";
      sb.append(y).append(' ');
    }
    if (k > 0) {
      int z = await(v(k));
      sb.append(z + 1).append(' ');
    } else {
      String z = await(v("neg"));
      sb.append(z).append(' ');
    }
    return sb.toString().trim();
  }

  /** Locals definitely assigned by every path through a switch with awaits. */
  @Async
  static String switchAssigns(int k) {
    String s;
    int n;
    switch (k) {
      case 0:
        s = "zero";
        n = await(v(0));
        break;
      case 1:
        s = await(v("one"));
        n = 1;
        break;
      default:
        s = "many";
        n = k;
    }
    final int m;
    switch (k) {
      case 0 -> m = await(v(10));
      default -> m = 20;
    }
    String t = switch (k) {
      case 0 -> {
        String u = await(v("a"));
        yield u;
      }
      default -> "b";
    };
    return s + " " + n + " " + m + " " + t;
  }
}
