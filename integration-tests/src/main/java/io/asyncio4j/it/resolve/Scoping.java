package io.asyncio4j.it.resolve;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import java.util.ArrayList;
import java.util.List;

/** Names whose meaning depends on the scope they are in (JLS 6.3): a local ends with its block. */
public class Scoping {
  /** Has an {@code @Async} get. */
  static class Client {
    @Async
    String get(int k) {
      return await(v("client")) + k;
    }
  }

  /** Has a plain get. */
  static class Other {
    String get(int k) {
      return "other" + k;
    }
  }

  final List<String> log = new ArrayList<>();
  Client client = new Client();
  Other other = new Other();
  String name = "field";

  /** The loop variable hid the field only inside the loop. */
  @Async
  String loopVariableThenField() {
    for (Other client : List.of(new Other())) {
      log.add(client.get(0));
    }
    return client.get(1);
  }

  /** The block's local hid the field only inside the block. */
  @Async
  String blockLocalThenField() {
    {
      Client other = new Client();
      log.add(other.get(0));
    }
    return other.get(2);
  }

  /** A pattern binding hides the field inside the if only. */
  @Async
  String bindingThenField(Object o) {
    if (o instanceof String name) {
      await(v(0));
      log.add("binding " + name);
    }
    await(v(0));
    return name;
  }

  /** A binding introduced after an if whose body cannot complete normally (JLS 6.3.2.2). */
  @Async
  String bindingAfterNegatedIf(Object o) {
    if (!(o instanceof String name)) {
      return "not a string: " + this.name;
    }
    await(v(0));
    return name.toUpperCase();
  }
}
