package io.asyncio4j.spi;

import io.asyncio4j.AsyncCloseable;
import io.asyncio4j.Coroutine;
import io.asyncio4j.ExceptionGroup;

/**
 * The awaited exit of one resource of a try-with-resources in an {@code @Async} body: awaits
 * {@link AsyncCloseable#closeAsync(Throwable)} and, when that replaces the block's exception with
 * another one, records the replaced one in the new one's suppressed exceptions unless it already
 * carries it (see {@link AsyncCloseable}).
 *
 * <p>States: {@code started == false} until the first step, which awaits the exit; a second step
 * (after a suspension) reads its outcome. Invariant: {@code closeAsync} is called exactly once.
 *
 * <p>Threading: loop-confined.
 */
final class ResourceExit extends Coroutine<Void> {
  private final AsyncCloseable resource;
  private final Throwable primary;
  private boolean started;

  ResourceExit(AsyncCloseable resource, Throwable primary) {
    this.resource = resource;
    this.primary = primary;
  }

  @Override
  protected Object step() throws Throwable {
    try {
      if (!started) {
        started = true;
        Object r = await(resource.closeAsync(primary));
        return r == SUSPENDED ? SUSPENDED : null;
      }
      resumeValue();
      return null;
    } catch (Throwable replacement) {
      throw chained(replacement);
    }
  }

  private Throwable chained(Throwable replacement) {
    if (primary != null && replacement != primary && !carries(replacement, primary)) {
      replacement.addSuppressed(primary);
    }
    return replacement;
  }

  /** Whether {@code t} refers to {@code p} as its cause chain, suppressed or group member. */
  private static boolean carries(Throwable t, Throwable p) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c == p) {
        return true;
      }
      for (Throwable s : c.getSuppressed()) {
        if (s == p) {
          return true;
        }
      }
      if (c instanceof ExceptionGroup g && g.exceptions().contains(p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "closeAsync of " + resource;
  }
}
