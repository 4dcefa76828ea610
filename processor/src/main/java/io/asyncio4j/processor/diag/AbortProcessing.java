package io.asyncio4j.processor.diag;

/** Thrown after an error has been reported, when no model of the method can be built. */
public final class AbortProcessing extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AbortProcessing() {
    super(null, null, false, false);
  }
}
