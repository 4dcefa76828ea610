package io.asyncio4j;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Debug mode ({@code -Dasyncio4j.debug=true}): reports a coroutine that is garbage-collected
 * without ever having been awaited or wrapped in a task, with where it was created; Python's
 * "coroutine ... was never awaited". Off (and free: one constant test) otherwise.
 *
 * <p>Invariants: {@link #LIVE} maps each tracked coroutine that has not started and not been
 * collected to its tracker; a tracker reports at most once, and only if its coroutine never
 * started.
 *
 * <p>Threading: thread-safe; reports come from the {@link Cleaner}'s thread.
 */
final class NeverStarted {
  /** Whether coroutines are tracked: {@code -Dasyncio4j.debug=true} at start-up. */
  static final boolean ON = Diagnostics.DEBUG_DEFAULT;

  private static final Cleaner CLEANER = Cleaner.create();
  private static final Map<Key, Tracker> LIVE = new ConcurrentHashMap<>();
  private static final System.Logger LOG = System.getLogger(NeverStarted.class.getName());

  /** Where reports go: the runtime's logger at WARNING (replaced by tests). */
  static volatile Consumer<String> sink = m -> LOG.log(System.Logger.Level.WARNING, m);

  private NeverStarted() {}

  /** {@code c} was just created: track it until it starts or is collected. */
  static Tracker created(Coroutine<?> c) {
    Key key = new Key(c);
    Tracker t = new Tracker(key, c.getClass(), new Diagnostics.CreationSite());
    LIVE.put(key, t);
    t.cleanable = CLEANER.register(c, t);
    return t;
  }

  /** {@code c} was awaited or wrapped in a task. */
  static void started(Coroutine<?> c) {
    Tracker t = LIVE.remove(new Key(c));
    if (t != null && t.reported.compareAndSet(false, true)) {
      t.cleanable.clean();
    }
  }

  /** The report for a coroutine of class {@code type} created at {@code site}. */
  static String message(Class<?> type, Throwable site) {
    StringBuilder sb =
        new StringBuilder("coroutine ")
            .append(type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName())
            .append(" was never awaited, so it never ran (await it, or wrap it in createTask);")
            .append(" created at");
    StackTraceElement[] st = site.getStackTrace();
    int i = 0;
    while (i < st.length - 1 && isConstruction(st[i])) {
      i++;
    }
    for (; i < st.length; i++) {
      sb.append("\n\tat ").append(AsyncStackTraces.userFrame(st[i], type.getClassLoader()));
    }
    return sb.toString();
  }

  /** A frame of the runtime or of a coroutine's constructor: not where the user created it. */
  private static boolean isConstruction(StackTraceElement e) {
    String c = e.getClassName();
    return e.getMethodName().equals("<init>")
        || c.equals(NeverStarted.class.getName())
        || c.equals(Asyncio.class.getName())
        || c.startsWith("io.asyncio4j.spi.");
  }

  /** Reports its coroutine when the coroutine is collected unless it started first. */
  static final class Tracker implements Runnable {
    private final Key key;
    private final Class<?> type;
    private final Throwable site;
    final AtomicBoolean reported = new AtomicBoolean();
    Cleaner.Cleanable cleanable;

    Tracker(Key key, Class<?> type, Throwable site) {
      this.key = key;
      this.type = type;
      this.site = site;
    }

    @Override
    public void run() {
      LIVE.remove(key);
      if (reported.compareAndSet(false, true)) {
        sink.accept(message(type, site));
      }
    }
  }

  /** An identity key that does not keep its coroutine alive. */
  static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object referent) {
      super(referent);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Key)) {
        return false;
      }
      Object referent = get();
      return referent != null && referent == ((Key) o).get();
    }
  }
}
