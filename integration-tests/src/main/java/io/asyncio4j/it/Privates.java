package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import java.util.List;

/** Private members of the enclosing class, reached from the generated code. */
public class Privates {
  private int count;
  private static String prefix = "p";
  private final List<String> items;

  public Privates(List<String> items) {
    this.items = items;
  }

  static String prefixForTest() {
    return prefix;
  }

  private String secret(int k) {
    return "s" + count + k;
  }

  private static int twice(int x) {
    return 2 * x;
  }

  private void bump() {
    count = count + 1;
  }

  private byte small = 1;

  private int peek() {
    return count;
  }

  private String risky(boolean fail) throws java.io.IOException {
    if (fail) {
      throw new java.io.FileNotFoundException("risky");
    }
    return "safe";
  }

  /** Compound assignment, increments, lambdas and method references on private members. */
  @Async
  public String moreOfThem() {
    count = 1;
    count += await(v(2));
    count *= 2;
    count++;
    ++count;
    int before = count--;
    small += await(v(300));
    java.util.function.IntSupplier s = this::peek;
    java.util.function.Supplier<String> r = () -> {
      try {
        return risky(false) + risky(true);
      } catch (java.io.IOException e) {
        return e.getMessage();
      }
    };
    return count + " " + before + " " + small + " " + s.getAsInt() + " " + r.get()
        + " " + await(v(peek()));
  }

  @Async
  public String useThem() {
    count = await(v(5));
    bump();
    this.count = count + await(v(10));
    String s = secret(await(v(1))) + this.secret(2);
    prefix = "q" + prefix;
    int t = twice(await(v(4)));
    items.forEach(i -> count = count + i.length());
    return prefix + s + t + count + items.size();
  }
}
