package io.asyncio4j.spi;

/**
 * The resume points of each state machine class, parsed from its {@link SourceMap#points()} once
 * per class, for {@link AsyncStateMachine#suspensionPoint(int)}.
 *
 * <p>Immutable arrays, shared by all threads through a {@link ClassValue}. Threading: thread-safe.
 */
final class SuspensionPoints {
  private static final StackTraceElement[] NONE = new StackTraceElement[0];

  private static final ClassValue<StackTraceElement[]> POINTS =
      new ClassValue<>() {
        @Override
        protected StackTraceElement[] computeValue(Class<?> type) {
          SourceMap m = type.getAnnotation(SourceMap.class);
          if (m == null || m.points().isEmpty()) {
            return NONE;
          }
          try {
            return parse(m);
          } catch (RuntimeException malformed) {
            return NONE;
          }
        }
      };

  private SuspensionPoints() {}

  /** The points of {@code type} indexed by label ({@code null} where none), maybe empty. */
  static StackTraceElement[] of(Class<?> type) {
    return POINTS.get(type);
  }

  /** {@code "3:14,5:20"}: labels 3 and 5 are user lines 14 and 20. */
  static StackTraceElement[] parse(SourceMap m) {
    String[] entries = m.points().split(",");
    int max = 0;
    int[] labels = new int[entries.length];
    int[] lines = new int[entries.length];
    for (int i = 0; i < entries.length; i++) {
      int colon = entries[i].indexOf(':');
      labels[i] = Integer.parseInt(entries[i].substring(0, colon));
      lines[i] = Integer.parseInt(entries[i].substring(colon + 1));
      if (labels[i] < 0) {
        throw new IllegalArgumentException("points: " + m.points());
      }
      max = Math.max(max, labels[i]);
    }
    StackTraceElement[] points = new StackTraceElement[max + 1];
    for (int i = 0; i < entries.length; i++) {
      points[labels[i]] = new StackTraceElement(m.className(), m.method(), m.file(), lines[i]);
    }
    return points;
  }
}
