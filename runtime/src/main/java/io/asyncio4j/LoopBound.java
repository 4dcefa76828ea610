package io.asyncio4j;

/**
 * Binds a synchronization primitive to the first event loop that uses it, like asyncio's {@code
 * _LoopBoundMixin}: primitives are created without a loop and bind lazily, and using one from a
 * different loop afterwards is an error.
 */
abstract class LoopBound {
  private EventLoop loop;

  /** The running loop, binding this object to it on first use. */
  final EventLoop loop() {
    return loop(Asyncio.getRunningLoop());
  }

  /**
   * {@link #loop()} when the caller already knows the running loop (a coroutine's task's loop),
   * which saves the thread-local lookup on the waiting paths.
   */
  final EventLoop loop(EventLoop running) {
    if (loop == null) {
      loop = running;
    } else if (loop != running) {
      throw new IllegalStateException(this + " is bound to a different event loop");
    }
    return loop;
  }

  /**
   * For {@code assert inLoop();} at the top of loop-confined methods: true before the object is
   * bound, or when called on its loop's thread (debug mode makes a foreign thread throw).
   */
  final boolean inLoop() {
    EventLoop l = loop;
    return l == null || l.inLoop();
  }

  /** The loop this object is bound to, or {@code null} before first use. */
  final EventLoop boundLoop() {
    return loop;
  }
}
