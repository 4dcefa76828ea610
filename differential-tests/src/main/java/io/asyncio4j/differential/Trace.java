package io.asyncio4j.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * The side effects a corpus method performs, in order: the thing the differential test compares
 * between the plain and the {@code @Async} version of a method.
 *
 * <p>Threading: confined to the thread that runs the corpus method (the event loop's thread for the
 * {@code @Async} version).
 */
public final class Trace {
  private final List<String> entries = new ArrayList<>();

  /** Appends one side effect. */
  public void add(String entry) {
    entries.add(entry);
  }

  /** The side effects recorded so far, oldest first. */
  public List<String> entries() {
    return List.copyOf(entries);
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
