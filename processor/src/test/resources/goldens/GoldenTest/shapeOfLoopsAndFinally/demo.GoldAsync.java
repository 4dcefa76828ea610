package demo;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.sleep;
import io.asyncio4j.Async;
import java.time.Duration;

import io.asyncio4j.Coroutine;
import io.asyncio4j.spi.AsyncStateMachine;
import javax.annotation.processing.Generated;

/**
 * Coroutine entry points of the {@code @Async} methods of {@code Gold}. Generated; do not edit.
 */
@Generated("io.asyncio4j.processor.AsyncProcessor")
@SuppressWarnings("auxiliaryclass")
public final class GoldAsync {
  private GoldAsync() {
  }

  @SuppressWarnings("unchecked")
  public static Coroutine<Integer> countDown(Gold self, int from) {
    if (self.getClass() != Gold.class) {
      java.lang.invoke.MethodHandle override = CountDown.OVERRIDES.get(self.getClass());
      if (override != null) {
        try {
          return (Coroutine<Integer>) override.invoke(self, from);
        } catch (Throwable failure) {
          throw sneak(failure);
        }
      }
    }
    return new CountDown(self, from);
  }

  @SuppressWarnings("unchecked")
  static Coroutine<String> guarded(Gold self, String key) {
    if (self.getClass() != Gold.class) {
      java.lang.invoke.MethodHandle override = Guarded.OVERRIDES.get(self.getClass());
      if (override != null) {
        try {
          return (Coroutine<String>) override.invoke(self, key);
        } catch (Throwable failure) {
          throw sneak(failure);
        }
      }
    }
    return new Guarded(self, key);
  }

  /**
   * Gives a spilled value its static type back: {@code witness} is
   * {@code false ? <the original expression> : null}, never evaluated.
   */
  @SuppressWarnings("unchecked")
  private static <V> V typed(Object value, V witness) {
    return (V) value;
  }

  /**
   * Caches {@link #override} per receiver class.
   */
  private static ClassValue<java.lang.invoke.MethodHandle> overrides(Class<?> declaring,
      String name, Class<?>... parameters) {
    return new ClassValue<java.lang.invoke.MethodHandle>() {
          @Override
          protected java.lang.invoke.MethodHandle computeValue(Class<?> type) {
            return override(type, declaring, name, parameters);
          }
        };
  }

  /**
   * The override of {@code name} in {@code type} or a superclass below {@code
   * declaring}, as a handle {@code (receiver, arguments…) -> Coroutine}; null for none.
   */
  private static java.lang.invoke.MethodHandle override(Class<?> type, Class<?> declaring,
      String name, Class<?>[] parameters) {
    java.lang.invoke.MethodType shape = java.lang.invoke.MethodType.methodType(Coroutine.class, declaring, parameters);
    for (Class<?> k = type; k != null && k != declaring; k = k.getSuperclass()) {
      java.lang.reflect.Method m;
      try {
        m = k.getDeclaredMethod(name, parameters);
      } catch (NoSuchMethodException e) {
        continue;
      }
      if (java.lang.reflect.Modifier.isStatic(m.getModifiers()) || java.lang.reflect.Modifier.isPrivate(m.getModifiers())) {
        continue;
      }
      try {
        String pkg = k.getPackageName();
        String nested = k.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
        java.lang.reflect.Method entry = null;
        try {
          Class<?> companion = Class.forName((pkg.isEmpty() ? "" : pkg + ".") + nested.replace('$', '_') + "Async", false, k.getClassLoader());
          Class<?>[] entryParameters = new Class<?>[parameters.length + 1];
          entryParameters[0] = k;
          System.arraycopy(parameters, 0, entryParameters, 1, parameters.length);
          entry = companion.getDeclaredMethod(name, entryParameters);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
          // A plain (not @Async) override: a coroutine that calls it.
        }
        if (entry != null) {
          return java.lang.invoke.MethodHandles.privateLookupIn(entry.getDeclaringClass(), java.lang.invoke.MethodHandles.lookup()).unreflect(entry).asType(shape);
        }
        java.lang.invoke.MethodHandle plain = java.lang.invoke.MethodHandles.privateLookupIn(k, java.lang.invoke.MethodHandles.lookup()).unreflect(m);
        java.lang.invoke.MethodHandle make = java.lang.invoke.MethodHandles.lookup().findConstructor(PlainOverride.class, java.lang.invoke.MethodType.methodType(void.class, java.lang.invoke.MethodHandle.class, Object[].class));
        return java.lang.invoke.MethodHandles.insertArguments(make, 0, plain).asCollector(Object[].class, parameters.length + 1).asType(shape);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot reach the override of " + name + " in " + k, e);
      }
    }
    return null;
  }

  /**
   * Rethrows {@code t} unchanged; callers declare the checked exceptions it can be.
   */
  @SuppressWarnings("unchecked")
  private static <X extends Throwable> RuntimeException sneak(Throwable t) throws X {
    throw (X) t;
  }

  /**
   * State machine of {@code Gold.countDown}: one instance per call, reused across awaits.
   */
  @io.asyncio4j.spi.SourceMap(
      className = "demo.Gold",
      method = "countDown",
      file = "Gold.java",
      lines = "172:12,174-175:13,176:14,177:14,179:15,180:15,182:17"
  )
  private static final class CountDown extends AsyncStateMachine<Integer> {
    /**
     * The user's source position of each resume point, indexed by label.
     */
    private static final StackTraceElement[] POINTS = { null, null, null,
        new StackTraceElement("demo.Gold", "countDown", "Gold.java", 14)};

    /**
     * Overrides of {@code countDown} in the receiver's class, by class; null for none.
     */
    static final ClassValue<java.lang.invoke.MethodHandle> OVERRIDES = overrides(Gold.class, "countDown", int.class);

    private final Gold self;

    private int from;

    private int total;

    /**
     * The state: 0 before the first step, else the resume point or jump target.
     */
    private int label;

    CountDown(Gold self, int from) {
      this.self = self;
      this.from = from;
    }

    @Override
    @SuppressWarnings({"cast", "fallthrough", "unchecked"})
    protected Object step() throws Throwable {
      Object r = null;
      if (label != 0) {
        r = resumeValue();
      }
      dispatch:
      while (true) {
        switch (label) {
          case 0:
            total = 0; // Gold.java:12
          case 1:
            if (!(from > 0)) { label = 2; continue dispatch; } // Gold.java:13
            label = 3; // Gold.java:14
            r = await(io.asyncio4j.Asyncio.sleep(Duration.ofMillis(from))); // Gold.java:14
            if (r == SUSPENDED) return SUSPENDED; // Gold.java:14
          case 3: // resume after await at Gold.java:14
            total += from--; // Gold.java:15
            label = 1; continue dispatch; // Gold.java:15
          case 2:
            return (int) (total); // Gold.java:17
          default:
            throw new IllegalStateException("no state " + label);
        }
      }
    }

    @Override
    protected StackTraceElement suspensionPoint() {
      return label < POINTS.length ? POINTS[label] : null;
    }
  }

  /**
   * State machine of {@code Gold.guarded}: one instance per call, reused across awaits.
   */
  @io.asyncio4j.spi.SourceMap(
      className = "demo.Gold",
      method = "guarded",
      file = "Gold.java",
      lines = "255-256:22,257:23,258:23,260:23,262-264:24,265:24,266:24,268:24"
  )
  private static final class Guarded extends AsyncStateMachine<String> {
    /**
     * The user's source position of each resume point, indexed by label.
     */
    private static final StackTraceElement[] POINTS = { null, null, null,
        new StackTraceElement("demo.Gold", "guarded", "Gold.java", 23)};

    /**
     * Overrides of {@code guarded} in the receiver's class, by class; null for none.
     */
    static final ClassValue<java.lang.invoke.MethodHandle> OVERRIDES = overrides(Gold.class, "guarded", java.lang.String.class);

    private final Gold self;

    private String key;

    private int finallyKind1;

    private Object finallyValue1;

    private Object result;

    /**
     * The state: 0 before the first step, else the resume point or jump target.
     */
    private int label;

    /**
     * The innermost try region with an await that is executing, 0 for none.
     */
    private int region;

    Guarded(Gold self, String key) {
      this.self = self;
      this.key = key;
    }

    @Override
    @SuppressWarnings({"cast", "fallthrough", "unchecked"})
    protected Object step() throws Throwable {
      Object r = null;
      boolean resuming = label != 0;
      dispatch:
      while (true) {
        try {
          if (resuming) {
            resuming = false;
            r = resumeValue();
          }
          switch (label) {
            case 0:
              region = 1; // Gold.java:22
              label = 3; // Gold.java:23
              r = await(io.asyncio4j.Asyncio.sleep(Duration.ZERO, key)); // Gold.java:23
              if (r == SUSPENDED) return SUSPENDED; // Gold.java:23
            case 3: // resume after await at Gold.java:23
              result = r; finallyKind1 = 2; region = 0; label = 1; continue dispatch; // Gold.java:23
            case 1:
              { // Gold.java:24-26
                key = null;
              }
              if (finallyKind1 == 1) throw (java.lang.Throwable) finallyValue1; // Gold.java:24
              if (finallyKind1 == 2) { return result; } // Gold.java:24
            case 2:
              return null; // Gold.java:24
            default:
              throw new IllegalStateException("no state " + label);
          }
        } catch (Throwable ex) {
          if (!handle(ex)) {
            throw ex;
          }
        }
      }
    }

    @Override
    protected StackTraceElement suspensionPoint() {
      return label < POINTS.length ? POINTS[label] : null;
    }

    /**
     * Dispatches an exception thrown in a try region to its catch or finally.
     */
    private boolean handle(Throwable ex) {
      while (true) {
        switch (region) {
          case 1: // try at line 22
            region = 0; finallyKind1 = 1; finallyValue1 = ex; label = 1; return true;
          default:
            return false;
        }
      }
    }
  }

  /**
   * The coroutine of a plain (not {@code @Async}) override: it calls it.
   */
  private static final class PlainOverride<T> extends AsyncStateMachine<T> {
    private final java.lang.invoke.MethodHandle target;

    private final Object[] arguments;

    PlainOverride(java.lang.invoke.MethodHandle target, Object[] arguments) {
      this.target = target;
      this.arguments = arguments;
    }

    @Override
    protected Object step() throws Throwable {
      return target.invokeWithArguments(arguments);
    }
  }
}
