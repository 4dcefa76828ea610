package io.asyncio4j.differential;

/** How the awaitables that {@link AsyncCorpus} awaits complete. */
public enum AwaitMode {
  /** Every await finds a done future: the fast path, no suspension. */
  READY,
  /** Every await suspends and is resumed from a {@code callSoon} callback. */
  SOON,
  /** Awaits cycle through done, {@code callSoon}-completed and timer-completed (sleep) futures. */
  MIXED
}
