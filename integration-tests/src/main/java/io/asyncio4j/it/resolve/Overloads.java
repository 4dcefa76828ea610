package io.asyncio4j.it.resolve;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;

/** An {@code @Async} method with a plain overload of the same arity: the argument types decide. */
public class Overloads {
  @Async
  static String fetch(int id) {
    return await(v("id")) + id;
  }

  static String fetch(String key) {
    return "key" + key;
  }

  @Async
  String load(long id) {
    return await(v("load")) + id;
  }

  String load(Object o) {
    return "plain" + o;
  }

  @Async
  static String both() {
    return fetch(1) + fetch("k");
  }

  @Async
  String boxing(Overloads other) {
    String s = "s";
    return other.load(7L) + other.load(s) + load(2);
  }
}
