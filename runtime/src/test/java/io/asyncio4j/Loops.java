package io.asyncio4j;

import io.asyncio4j.internal.VirtualClock;
import java.time.Duration;

/** Test helpers for driving a loop (CPython's {@code test_utils}). */
final class Loops {
  private Loops() {}

  /** Runs exactly {@code n} loop iterations, without waiting or advancing time. */
  static void runIterations(EventLoop loop, int n) {
    for (int i = 0; i < n; i++) {
      loop.stop();
      loop.runForever();
    }
  }

  /** CPython's {@code run_briefly}: enough iterations for a just-scheduled step and its callbacks. */
  static void runBriefly(EventLoop loop) {
    runIterations(loop, 2);
  }

  /** Moves a virtual-time loop's clock forward (nothing runs). */
  static void advance(EventLoop loop, Duration d) {
    ((VirtualClock) loop.clock()).advance(d.toNanos());
  }

  /** Runs the loop, on virtual time, until its clock has moved {@code d} forward. */
  static void runFor(EventLoop loop, Duration d) {
    loop.callLater(d, loop::stop);
    loop.runForever();
  }
}
