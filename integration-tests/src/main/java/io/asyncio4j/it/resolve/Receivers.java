package io.asyncio4j.it.resolve;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.it.V.v;
import static io.asyncio4j.it.resolve.lib.Client.ping;

import io.asyncio4j.Async;
import io.asyncio4j.it.resolve.lib.*;
import java.util.List;

/**
 * Direct calls of {@code @Async} methods whose receiver's type comes through an on-demand import,
 * a qualified nested type name or a static import: each is an inline await.
 */
public class Receivers {
  /** A nested class named like the imported one: inside this class it shadows it. */
  public static class Local {
    @Async
    public String get(int k) {
      return await(v("local")) + k;
    }
  }

  @Async
  static String onDemandImport() {
    Client c = new Client();
    return c.get(1);
  }

  @Async
  static String staticThroughType() {
    return Client.ping();
  }

  @Async
  static String staticImport() {
    return ping();
  }

  @Async
  static String qualifiedLocal() {
    Receivers.Local c = new Local();
    return c.get(2);
  }

  @Async
  static String qualifiedForEach() {
    String a = "";
    for (Receivers.Local d : List.of(new Local())) {
      a += d.get(3);
    }
    return a;
  }

  @Async
  static String qualifiedArray() {
    Receivers.Local[] arr = {new Local()};
    return arr[0].get(4);
  }

  /** A static call through a package-qualified name, an await in its arguments. */
  @Async
  static String packageQualifiedStatic(String s) {
    return java.util.Objects.requireNonNull(await(v(s))) + java.lang.Math.abs(await(v(-5)));
  }

  @Async
  static String greet(String name) {
    return await(v("hello ")) + name;
  }

  /** A var typed by a call of this class's own companion, which does not exist yet. */
  @Async
  static String ownCompanionTask() {
    var slow = createTask(ReceiversAsync.greet("slow"));
    String fast = greet("fast");
    return fast + ", " + await(slow);
  }

  static <T> T id(T t) {
    return t;
  }

  /** A receiver returned by a generic method: its type variable bound by the argument. */
  @Async
  static String viaGenericMethod() {
    return id(new Local()).get(5);
  }

  /** A receiver of an anonymous subclass. */
  @Async
  static String viaAnonymousClass() {
    return new Local() {}.get(6);
  }
}
