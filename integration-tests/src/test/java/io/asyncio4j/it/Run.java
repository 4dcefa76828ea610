package io.asyncio4j.it;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;

/** Runs coroutines on a virtual-time loop, so sleeps cost no real time. */
final class Run {
  private Run() {}

  static <T> T run(Coroutine<T> coroutine) {
    return Asyncio.run(coroutine, EventLoop.withVirtualTime());
  }
}
