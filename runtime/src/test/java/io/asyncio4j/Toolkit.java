package io.asyncio4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shared helpers for the toolkit tests: virtual-time loops and hand-written coroutines. */
final class Toolkit {
  private Toolkit() {}

  static EventLoop newLoop() {
    return EventLoop.withVirtualTime();
  }

  static Duration ms(long n) {
    return Duration.ofMillis(n);
  }

  /** A coroutine of steps; see {@link Script}. */
  @SafeVarargs
  static <T> Script<T> co(Script.Step... steps) {
    return Script.of(steps);
  }

  /**
   * Runs the loop until a no-op task has finished: about two iterations (asyncio's run_briefly).
   */
  static void runBriefly(EventLoop loop) {
    loop.runUntilComplete(Script.of(v -> null));
  }

  /**
   * The future's result, running the loop until it is done if it is not yet. (The loop's
   * runUntilComplete on an already-done future does not return, so tests go through here.)
   */
  static <T> T complete(EventLoop loop, Future<T> f) {
    if (!f.done()) {
      loop.runUntilComplete(f);
    }
    return f.result();
  }

  /** Runs the loop until {@code d} of virtual time has passed. */
  static void advance(EventLoop loop, Duration d) {
    loop.runUntilComplete(Asyncio.sleep(d));
  }

  /** Milliseconds of virtual time since the loop started. */
  static long nowMs(EventLoop loop) {
    return loop.time() / 1_000_000;
  }

  /** A list that records events in order. */
  static List<Object> log() {
    return Collections.synchronizedList(new ArrayList<>());
  }
}
