package io.asyncio4j;

/** When {@link Asyncio#wait(java.util.Collection, ReturnWhen, java.time.Duration)} returns. */
public enum ReturnWhen {
  /** As soon as any future finishes or is cancelled. */
  FIRST_COMPLETED,
  /** As soon as any future fails; like {@link #ALL_COMPLETED} if none fails. */
  FIRST_EXCEPTION,
  /** When every future has finished or been cancelled. */
  ALL_COMPLETED
}
