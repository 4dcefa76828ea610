package io.asyncio4j;

/**
 * Runs when a task's step starts and ends, so that state kept in {@link ThreadLocal}s (a logging
 * MDC, a tracing context) follows the task across its awaits: Kotlin's {@code
 * ThreadContextElement}. Install one with {@link EventLoop#addContextHook(ContextHook)}; it also
 * runs around the function of {@link Asyncio#toThread} on the worker thread.
 *
 * <pre>{@code
 * loop.addContextHook(new ContextHook() {
 *   public Object install(Context c) {
 *     String previous = MDC.get("rid");
 *     MDC.put("rid", c.get(REQUEST_ID));
 *     return previous;
 *   }
 *   public void restore(Object previous) {
 *     MDC.put("rid", (String) previous);
 *   }
 * });
 * }</pre>
 *
 * <p>A step is short (it runs until the next suspending await), so keep both methods cheap; a hook
 * that throws is a bug, and the exception propagates out of the loop.
 */
public interface ContextHook {
  /**
   * Installs what {@code context} says on the current thread: the task's context at the start of
   * its step, and again (its result then ignored) whenever the step sets a {@link ContextVar}.
   *
   * @param context the context of the task whose step starts
   * @return what {@link #restore(Object)} needs to undo it (e.g. the thread-local's old value)
   */
  Object install(Context context);

  /**
   * Undoes {@link #install}, given what it returned; runs when the step ends, even by a throw.
   *
   * @param previous what {@link #install} returned
   */
  void restore(Object previous);

}
