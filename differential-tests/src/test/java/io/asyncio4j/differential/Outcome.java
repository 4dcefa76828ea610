package io.asyncio4j.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What running one corpus method produced: its result or its exception (with causes and suppressed
 * exceptions), and the trace of its side effects, in a form that compares with {@code equals} and
 * prints readably when it does not.
 *
 * <p>The JVM's helpful {@link NullPointerException} messages describe the failing expression
 * (variable names, the class of the receiver), which generated code legitimately changes; for an
 * NPE only the type is compared. Every other exception's message is compared exactly.
 */
record Outcome(String result, String exception, List<String> trace) {

  /** A corpus call: the plain method, or {@code Asyncio.run} of the async twin's coroutine. */
  @FunctionalInterface
  interface Call {
    Object call() throws Throwable;
  }

  static Outcome of(Call call, Trace trace) {
    Object value;
    try {
      value = call.call();
    } catch (Throwable t) {
      return new Outcome(null, describe(t), trace.entries());
    }
    return new Outcome(render(value), null, trace.entries());
  }

  static String render(Object value) {
    if (value instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    if (value instanceof int[] array) {
      return Arrays.toString(array);
    }
    if (value instanceof Map<?, ?> map) {
      return map.getClass().getSimpleName() + map;
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }

  static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(t.getClass().getName());
    if (!(t instanceof NullPointerException)) {
      sb.append(": ").append(t.getMessage());
    }
    List<String> suppressed = new ArrayList<>();
    for (Throwable s : t.getSuppressed()) {
      suppressed.add(describe(s));
    }
    if (!suppressed.isEmpty()) {
      sb.append(" suppressed ").append(suppressed);
    }
    if (t.getCause() != null && t.getCause() != t) {
      sb.append(" caused by ").append(describe(t.getCause()));
    }
    return sb.toString();
  }
}
