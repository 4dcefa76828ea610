package io.asyncio4j.it.resolve.lib;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;

/** A class of another package, reached through on-demand and static imports. */
public class Client {
  @Async
  public String get(int k) {
    return await(v("got")) + k;
  }

  @Async
  public static String ping() {
    return await(v("pong"));
  }
}
