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

  public String message() {
    return message;
  }

  /** The error, or {@code null} when the report carries none. */
  public Throwable exception() {
    return exception;
  }

  /** The handle, future, task or callback the report is about, or {@code null}. */
  public Object source() {
    return source;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(message);
    if (source != null) {
      sb.append("\n  source: ").append(source);
    }
    if (exception != null) {
      sb.append("\n  exception: ").append(exception);
    }
    return sb.toString();
  }
}
