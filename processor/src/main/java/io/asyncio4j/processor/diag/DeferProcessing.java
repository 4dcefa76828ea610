package io.asyncio4j.processor.diag;

/**
 * Thrown when a type the method needs is not known yet (an ERROR type, or javac could not
 * attribute the body); the method is retried next round and reported only when processing is
 * over.
 */
public final class DeferProcessing extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean javacReports;

  /**
   * @param what what could not be typed, for the final report
   * @param javacReports true when javac reports the cause itself (an ERROR type: a symbol that
   *     never appeared), so the processor stays silent at the end
   */
  public DeferProcessing(String what, boolean javacReports) {
    super(what, null, false, false);
    this.javacReports = javacReports;
  }

  public boolean javacReports() {
    return javacReports;
  }
}
