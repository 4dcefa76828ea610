package io.asyncio4j;

/**
 * An internal done callback: an object (never a lambda per use) that a {@link Future} notifies,
 * through the ready queue, when it completes. Runtime classes implement it on objects they have
 * anyway, so registering costs no allocation.
 */
interface DoneListener {
  /** Called on the loop thread one {@code callSoon} after {@code future} completed. */
  void onDone(Future<?> future);
}
