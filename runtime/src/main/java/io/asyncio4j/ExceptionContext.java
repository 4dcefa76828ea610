package io.asyncio4j;

/**
 * What an {@link EventLoop.ExceptionHandler} receives: asyncio's exception-handler context dict
 * ({@code message}, {@code exception}, and the handle, future or task involved).
 *
 * <p>Immutable; thread-safe.
 */
public final class ExceptionContext {
  private final String message;
  private final Throwable exception;
  private final Object source;

  /**
   * A report for the exception handler.
   *
   * @param message what happened, e.g. {@code "Exception in callback ..."}
   * @param exception the error, or {@code null}
   * @param source the {@link Handle}, {@link Future}, {@link Task} or callback involved, or {@code
   *     null}
   */
  public ExceptionContext(String message, Throwable exception, Object source) {
    this.message = message;
    this.exception = exception;
    this.source = source;
  }

  /**
   * What happened.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * The error, or {@code null} when the report carries none.
   *
   * @return the exception, or {@code null}
   */
  public Throwable exception() {
    return exception;
  }

  /**
   * The handle, future, task or callback the report is about, or {@code null}.
   *
   * @return the object it happened in, or {@code null}
   */
  public Object source() {
    return source;
  }

  /**
   * The message, source and exception, each cut to {@value #MAX_PART} characters (a task's result
   * or a huge exception message must not make a megabyte log record); a {@code toString()} that
   * throws is described instead of propagated.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    appendPart(sb, message);
    if (source != null) {
      sb.append("\n  source: ");
      appendPart(sb, source);
    }
    if (exception != null) {
      sb.append("\n  exception: ");
      appendPart(sb, exception);
    }
    return sb.toString();
  }

  /** The most characters of each part that {@link #toString()} shows. */
  static final int MAX_PART = 1000;

  private static void appendPart(StringBuilder sb, Object part) {
    String s;
    try {
      s = String.valueOf(part);
    } catch (Throwable e) {
      s = part.getClass().getName() + " (toString() threw " + e.getClass().getName() + ")";
    }
    if (s.length() > MAX_PART) {
      sb.append(s, 0, MAX_PART).append("... (").append(s.length()).append(" chars)");
    } else {
      sb.append(s);
    }
  }
}
