package io.asyncio4j.processor.diag;

/**
 * Thrown when a type the method needs is not known yet (an ERROR type, or javac could not
 * attribute the body); the method is retried next round and reported only when processing is
 * over.
 */
public final class DeferProcessing extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeferProcessing(String what) {
    super(what, null, false, false);
  }
}
