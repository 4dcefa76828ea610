package io.asyncio4j.benchmarks.jmh;

import io.asyncio4j.Future;

/** A loop callback that completes a future with a value. */
final class Completer implements Runnable {
  private final Future<Integer> future;
  private final int value;

  Completer(Future<Integer> future, int value) {
    this.future = future;
    this.value = value;
  }

  @Override
  public void run() {
    future.setResult(value);
  }
}
